// The part of autocannon 8's API the webhook benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Percentiles {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    p99_9: number;
  }

  export interface AutocannonResult {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    resets: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Percentiles & { totalCount: number };
    requests: Percentiles & { sent: number };
    throughput: Percentiles;
    warmup?: AutocannonResult;
  }

  export interface AutocannonOptions {
    url: string;
    connections?: number;
    duration?: number;
    workers?: number;
    warmup?: { duration?: number; connections?: number };
    /** With `workers`, setupRequest is a path to a CommonJS module exporting the function. */
    requests?: Array<{ method?: string; path?: string; setupRequest?: string }>;
    [extra: string]: unknown;
  }

  export default function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
}
