export declare const CHECK_NAMES: readonly string[];
