// Entry point: reads the server's /config.json (API and WebSocket URLs), then renders the app.
import { render } from 'preact';
import { App } from './app';
import { loadServerConfig } from './config';
import './styles.css';

loadServerConfig().then(() => render(<App />, document.getElementById('app')!));
