export declare const SERVER_ENTRY: string;
export declare function buildIsStale(root?: string): boolean;
