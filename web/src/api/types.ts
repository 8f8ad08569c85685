// The API's answers as the dashboard names them: each is a shape of docs/openapi.yaml, generated
// into openapi.ts (`npm run api-types`; test/api-types.test.ts fails when it is out of date).
// Amounts are integer base units.
import type { components } from './openapi';

type Schemas = components['schemas'];

export type PoolStats = Schemas['PoolStats'];
export type PoolInfo = Schemas['PoolInfo'];
export type PortInfo = PoolInfo['stratum']['ports'][number];
export type HashrateHistory = Schemas['HashrateHistory'];
export type HashratePoint = HashrateHistory['points'][number];
export type Block = Schemas['Block'];
export type BlockStatus = Block['status'];
export type BlockPage = Schemas['BlockPage'];
export type LeaderboardEntry = Schemas['LeaderboardEntry'];
export type Balance = Schemas['Balance'];
export type MinerSummary = Schemas['MinerSummary'];
export type Worker = Schemas['Worker'];
export type Payment = Schemas['Payment'];
export type DailyEarning = Schemas['DailyEarning'];
export type Session = Schemas['Session'];
export type DashboardData = Schemas['Dashboard'];
// The analytics service's answers, forwarded by the API under /api/ai.
export type EarningsAnswer = Schemas['EarningsAnswer'];
export type SentinelAlert = Schemas['SentinelAlert'];
export type SentinelAnswer = Schemas['SentinelAnswer'];
