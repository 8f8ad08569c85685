// Shapes of the API's answers (docs/openapi.yaml). Amounts are integer base units.

export interface PoolStats {
  hashrate: number;
  activeWorkers: number;
  activeMiners: number;
  blocksFound: number;
  totalPaid: number;
  difficulty: number;
  networkHashrate: number;
  lastBlockTime: number | null;
  poolFee: number;
}

export interface PortInfo {
  port: number;
  tls: boolean;
  difficulty: { initial: number; min: number; max: number; variable: boolean };
}

export interface PoolInfo {
  coin: string;
  symbol: string;
  network: string;
  algorithm: string;
  stratum: { url: string; ports: PortInfo[]; login: { username: string; password: string; example: string } };
  payout: {
    scheme: string;
    fee: number;
    minimumThreshold: number;
    defaultThreshold: number;
    maximumThreshold: number;
    confirmations: number;
    intervalSeconds: number;
    enabled: boolean;
    unit: string;
    coinUnits: number;
  };
}

export interface HashratePoint {
  time: number;
  hashrate: number;
  accepted: number;
  rejected: number;
}

export interface HashrateHistory {
  address?: string;
  from: number;
  to: number;
  bucket: string;
  points: HashratePoint[];
}

export type BlockStatus = 'pending' | 'confirmed' | 'orphaned';

export interface Block {
  height: number;
  hash: string;
  status: BlockStatus;
  confirmations: number;
  confirmationsRequired: number;
  reward: number;
  networkDifficulty: number;
  effort?: number | null;
  finder: string;
  worker: string;
  scheme?: string;
  time: number;
  updated?: number;
}

export interface BlockPage {
  blocks: Block[];
  page: number;
  limit: number;
  total: number;
}

export interface LeaderboardEntry {
  rank: number;
  address: string;
  hashrate: number;
  acceptedShares: number;
  rejectedShares: number;
  blocksFound: number;
}

export interface Balance {
  address: string;
  immature: number;
  pending: number;
  paid: number;
  payoutThreshold: number;
  payoutAddress: string;
}

export interface MinerSummary {
  address: string;
  hashrate: number;
  hashrate1h: number;
  acceptedShares: number;
  rejectedShares: number;
  workers: number;
  workersOnline: number;
  blocksFound: number;
  lastShare: number | null;
  firstSeen: number;
  balance: Balance;
}

export interface Worker {
  name: string;
  hashrate: number;
  acceptedShares: number;
  rejectedShares: number;
  online: boolean;
  lastShare: number | null;
  lastSeen: number;
  firstSeen: number;
}

export interface Payment {
  id: string;
  miner: string;
  address: string;
  amount: number;
  fee: number;
  status: 'intent' | 'sent' | 'confirmed' | 'failed' | 'held';
  txid: string | null;
  time: number;
  sent: number | null;
  confirmed: number | null;
}

export interface DailyEarning {
  date: string;
  time: number;
  amount: number;
}
