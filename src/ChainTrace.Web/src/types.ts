// The API's answers, as far as the page reads them (see the README's endpoint table).
export interface Seen { height: number; time: string }
export interface AssetTotals { asset: string; received: string; sent: string; balance: string | null; unknownSpends: number }
export interface AddressSummary { chain: string; address: string; firstSeen: Seen; lastSeen: Seen; txCount: number; totals: AssetTotals[] }
export interface Label {
  id: number; chain: string; subject: string; via: string; cluster: number | null; category: string; severity: string; label: string;
  actor: { id: string; name: string | null } | null; source: string; pack: string; line: number; confidence: { id: string; level: number };
  clusterDefiner: boolean; context: string | null;
}
export interface AddressLabels { chain: string; address: string; cluster: number | null; categories: string[]; conflicting: boolean; labels: Label[] }
export interface Exposure { category: string; direction: string; type: string; amount: string; share: number }
export interface Risk {
  chain: string; address: string; seen: boolean; note: string | null; score: number; level: string; decision: string; decisionReasons: string[];
  clusterId: number | null; received: string; sent: string; exposures: Exposure[];
  discounted: { category: string; type: string; amount: string; outputs: number; reason: string }[];
  labels: { category: string; text: string; source: string; confidence: number; via: string }[];
  model: { version: string | null; probability: number; topFeatures: { feature: string; value: number; contribution: number }[] } | null;
  reasons: { code: string; category: string | null; points: number; detail: string }[]; dataHeight: number | null; computedAt: string | null;
}
export interface Cluster {
  chain: string; id: number; requestedId: number; absorbedInto: string | null; size: number; received: string; sent: string;
  firstSeen: Seen | null; lastSeen: Seen | null; txCount: number; evidence: Record<string, number>; pendingReviews: number; dataHeight: number;
}
export interface Page<T> { items: T[]; nextCursor: string | null }
export interface Neighbour {
  address: string; asset: string; value: string; txCount: number;
  firstHeight: number | null; firstTime: string | null; lastHeight: number | null; lastTime: string | null;
}
export interface Neighbours { chain: string; address: string; direction: string; neighbours: Neighbour[]; next: string | null; total: number | null }
export interface TraceEndpoint { entity: string; kind: string; category: string | null; labels: string[]; amount: string; hops: number; firstHeight: number; firstTime: string; addresses: number }
export interface TraceEdge { hop: number; txid: string; height: number; outpoint: string; address: string | null; amount: string; stop: string | null }
export interface Trace {
  id: string; chain: string; start: string; direction: string; taint: string; status: string; cutShort: string | null;
  endpoints: TraceEndpoint[]; edges: TraceEdge[]; totals: Record<string, string>;
  provenance: { dataHeights: Record<string, number>; engine: string; heuristics: string; labelSet: string; parameters: Record<string, unknown> };
}
export interface CaseInfo { id: string; title: string; description: string; status: string; createdBy: string; createdAt: string; updatedAt: string }
export interface CaseNote { id: number; text: string; author: string; createdAt: string }
export interface CasePin { id: number; kind: string; chain: string | null; subject: string; comment: string | null; pinnedBy: string; pinnedAt: string }
export interface CaseEvent { id: number; actor: string; action: string; detail: string; at: string }
export interface CaseDetail { case: CaseInfo; notes: CaseNote[]; pins: CasePin[]; history: CaseEvent[] }
export interface Alert { id: number; watchlist: string; rule: string; cause: string; txs: string[]; amount: string; entity: string | null; raisedAt: string }
export interface Watchlist { id: string; name: string; chain: string; subjects: string[]; rules: { kind: string }[]; webhook: { url: string } | null; createdAt: string }
export interface Delivery { id: string; alert: number; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; createdAt: string; deliveredAt: string | null }
export interface TrendBucket { start: string; end: string; values: Record<string, string> }
export interface Trends {
  chain: string; asset: string; decimals: number; bucket: string; source: string; from: string; to: string; dataHeight: number; labelSet: string; definition: string;
  categories: string[]; totals: Record<string, string>; buckets: TrendBucket[];
}
