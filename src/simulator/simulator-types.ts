/**
 * The simulator's one entry point is a plain function from request to response, so that it can sit
 * behind the SDKs' in-process httpClient (src/azure) and behind a real HTTP server alike, and so
 * that src/azure and src/simulator never import each other (src/main.ts wires them).
 */
export interface SimulatorRequest {
  method: string;
  /** Absolute URL as the client sent it, e.g. https://management.azure.com/subscriptions/...?api-version=... */
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body?: string;
}

export interface SimulatorResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body?: string;
}

export type SimulatorHandler = (request: SimulatorRequest) => Promise<SimulatorResponse>;
