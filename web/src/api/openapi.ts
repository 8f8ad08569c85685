// Generated from docs/openapi.yaml by `npm run api-types` (scripts/api-types.mjs): do not edit.
// The dashboard's names for these shapes are in types.ts.
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health of the API and what it depends on (database, node, Stratum, Redis) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every component works */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
                /** @description A component is down (the body says which) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness probe (the database answers) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Ready */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example ready */
                            status?: string;
                        };
                    };
                };
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Name, version, coin and network of this server */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Server facts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name?: string;
                            version?: string;
                            /** @example litecoin */
                            coin?: string;
                            /** @example LTC */
                            symbol?: string;
                            /** @enum {string} */
                            network?: "mainnet" | "testnet" | "regtest";
                            /** @enum {string} */
                            algorithm?: "scrypt" | "sha256d";
                            documentation?: string;
                            websocket?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/openapi.yaml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The OpenAPI document */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/yaml": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pool": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How to connect and how the pool pays (Stratum URL, ports, difficulty, scheme, fee, thresholds) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Connection and payout facts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PoolInfo"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/pool": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pool statistics (cached for api.cache_ttl_ms) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Pool statistics */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            stats: components["schemas"]["PoolStats"];
                        };
                    };
                };
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/leaderboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Miners by hash rate over a period, with the blocks each found in it */
        get: {
            parameters: {
                query?: {
                    period?: "1h" | "24h" | "7d" | "30d";
                    /** @description by hash rate in the period, or by blocks found in it */
                    sort?: "hashrate" | "blocks";
                    limit?: components["parameters"]["limit"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The leaderboard */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            period?: string;
                            sort?: string;
                            miners?: components["schemas"]["LeaderboardEntry"][];
                        };
                    };
                };
                400: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/hashrate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pool hash rate history for charts */
        get: {
            parameters: {
                query?: {
                    /** @description Start of the range, Unix milliseconds or ISO 8601 UTC (default to - 24h); at most 31 days before `to` */
                    from?: components["parameters"]["from"];
                    /** @description End of the range, Unix milliseconds or ISO 8601 UTC (default now) */
                    to?: components["parameters"]["to"];
                    /** @description Bucket size (default by range; at most 2000 buckets) */
                    bucket?: components["parameters"]["bucket"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One point per bucket, zero where nobody mined */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HashrateHistory"];
                    };
                };
                400: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Blocks the pool found, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description Page number, from 0 */
                    page?: components["parameters"]["page"];
                    limit?: components["parameters"]["limit"];
                    /** @description Time order of the list */
                    order?: components["parameters"]["order"];
                    /** @description Only rows from this time on, Unix milliseconds or ISO 8601 UTC (default unbounded) */
                    from?: components["parameters"]["since"];
                    /** @description Only rows before this time, Unix milliseconds or ISO 8601 UTC (default unbounded) */
                    to?: components["parameters"]["until"];
                    status?: "all" | "pending" | "confirmed" | "orphaned";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of blocks */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BlockPage"];
                    };
                };
                400: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/blocks/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One block, with its round (who was credited how much) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    hash: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The block */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            block?: components["schemas"]["BlockDetail"];
                        };
                    };
                };
                400: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payments the pool made, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description Page number, from 0 */
                    page?: components["parameters"]["page"];
                    limit?: components["parameters"]["limit"];
                    /** @description Time order of the list */
                    order?: components["parameters"]["order"];
                    /** @description Only rows from this time on, Unix milliseconds or ISO 8601 UTC (default unbounded) */
                    from?: components["parameters"]["since"];
                    /** @description Only rows before this time, Unix milliseconds or ISO 8601 UTC (default unbounded) */
                    to?: components["parameters"]["until"];
                    status?: "all" | "intent" | "sent" | "confirmed" | "failed" | "held";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of payments */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payouts?: components["schemas"]["Payment"][];
                            page?: number;
                            limit?: number;
                            totalPaid?: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/miners/{address}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A miner's summary */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The miner's coin address (its Stratum login without the worker name) */
                    address: components["parameters"]["address"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Summary */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MinerSummary"];
                    };
                };
                400: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/miners/{address}/workers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The miner's workers with their hash rate over the last 10 minutes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The miner's coin address (its Stratum login without the worker name) */
                    address: components["parameters"]["address"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Workers, by name */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address?: string;
                            workers?: components["schemas"]["Worker"][];
                        };
                    };
                };
                400: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/miners/{address}/hashrate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The miner's hash rate history */
        get: {
            parameters: {
                query?: {
                    /** @description Start of the range, Unix milliseconds or ISO 8601 UTC (default to - 24h); at most 31 days before `to` */
                    from?: components["parameters"]["from"];
                    /** @description End of the range, Unix milliseconds or ISO 8601 UTC (default now) */
                    to?: components["parameters"]["to"];
                    /** @description Bucket size (default by range; at most 2000 buckets) */
                    bucket?: components["parameters"]["bucket"];
                };
                header?: never;
                path: {
                    /** @description The miner's coin address (its Stratum login without the worker name) */
                    address: components["parameters"]["address"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One point per bucket */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HashrateHistory"];
                    };
                };
                400: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/miners/{address}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Immature, pending and paid amounts, and the payout settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The miner's coin address (its Stratum login without the worker name) */
                    address: components["parameters"]["address"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Balance */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Balance"];
                    };
                };
                400: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/miners/{address}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payments to the miner, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description Page number, from 0 */
                    page?: components["parameters"]["page"];
                    limit?: components["parameters"]["limit"];
                    /** @description Time order of the list */
                    order?: components["parameters"]["order"];
                    /** @description Only rows from this time on, Unix milliseconds or ISO 8601 UTC (default unbounded) */
                    from?: components["parameters"]["since"];
                    /** @description Only rows before this time, Unix milliseconds or ISO 8601 UTC (default unbounded) */
                    to?: components["parameters"]["until"];
                };
                header?: never;
                path: {
                    /** @description The miner's coin address (its Stratum login without the worker name) */
                    address: components["parameters"]["address"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of payments */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address?: string;
                            payments?: components["schemas"]["Payment"][];
                            page?: number;
                            limit?: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/miners/{address}/balance-changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every change of the miner's balance (credits, fees, payments, reversals), newest first */
        get: {
            parameters: {
                query?: {
                    /** @description Page number, from 0 */
                    page?: components["parameters"]["page"];
                    limit?: components["parameters"]["limit"];
                    /** @description Time order of the list */
                    order?: components["parameters"]["order"];
                    /** @description Only rows from this time on, Unix milliseconds or ISO 8601 UTC (default unbounded) */
                    from?: components["parameters"]["since"];
                    /** @description Only rows before this time, Unix milliseconds or ISO 8601 UTC (default unbounded) */
                    to?: components["parameters"]["until"];
                };
                header?: never;
                path: {
                    /** @description The miner's coin address (its Stratum login without the worker name) */
                    address: components["parameters"]["address"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of balance changes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address?: string;
                            changes?: components["schemas"]["BalanceChange"][];
                            page?: number;
                            limit?: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/miners/{address}/earnings/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the miner earned per UTC day (credits less fees), every day present */
        get: {
            parameters: {
                query?: {
                    days?: number;
                };
                header?: never;
                path: {
                    /** @description The miner's coin address (its Stratum login without the worker name) */
                    address: components["parameters"]["address"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One entry per day, oldest first, ending today */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DailyEarnings"];
                    };
                };
                400: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ai/predict/earnings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Expected earnings for a hash rate (forwarded to the analytics service) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: components["requestBodies"]["AiRequest"];
            responses: {
                /** @description The analytics service's answer (docs/analytics.md, Service) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EarningsAnswer"];
                    };
                };
                400: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ai/predict/difficulty": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Network difficulty forecast (forwarded to the analytics service) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: components["requestBodies"]["AiRequest"];
            responses: {
                /** @description The forecast, with where it came from (docs/analytics.md, Service) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DifficultyAnswer"];
                    };
                };
                400: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ai/sentinel/detect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Anomalies found for a miner (forwarded to the analytics service) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: components["requestBodies"]["AiRequest"];
            responses: {
                /** @description The analytics service's answer (docs/analytics.md, Service) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SentinelAnswer"];
                    };
                };
                400: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ai/optimize/worker": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Suggestions for a worker (forwarded to the analytics service) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: components["requestBodies"]["AiRequest"];
            responses: {
                200: components["responses"]["AiAnswer"];
                400: components["responses"]["Error"];
                503: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ai/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Current Sentinel alerts (forwarded to the analytics service) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The analytics service's answer (docs/analytics.md, Service) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SentinelAnswer"];
                    };
                };
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/nonce": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A Sign-In with Ethereum (EIP-4361) message for a wallet to sign (valid 5 minutes, single use) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example 0x2c7536E3605D9C16a7a3D7b1898e529396a65c23 */
                        walletAddress: string;
                    };
                };
            };
            responses: {
                /** @description The message to sign */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message?: string;
                            nonce?: string;
                            expiresAt?: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with the signed message (personal_sign); a session, or a 2FA challenge */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        walletAddress: string;
                        /** @description 0x + 130 hex digits */
                        signature: string;
                        /** @description the message of /api/auth/nonce exactly as signed */
                        message: string;
                    };
                };
            };
            responses: {
                /** @description A session, or {"twoFactorRequired":true,"challengeToken"} when 2FA is on */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"] | components["schemas"]["TwoFactorChallenge"];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new access token and a rotated refresh token (reusing an old one ends the sign-in) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refreshToken: string;
                    };
                };
            };
            responses: {
                /** @description The new session tokens */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session of a refresh token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refreshToken: string;
                    };
                };
            };
            responses: {
                /** @description Signed out */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            signedOut?: boolean;
                        };
                    };
                };
                400: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every session of the account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description How many sessions ended */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sessionsEnded?: number;
                        };
                    };
                };
                401: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/2fa/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start two-factor enrolment; the secret and its otpauth URI (shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The new secret, stored disabled until enabled with a code */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description base32 */
                            secret?: string;
                            /** @description otpauth://totp/... for a QR code */
                            uri?: string;
                        };
                    };
                };
                401: components["responses"]["Error"];
                409: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/2fa/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enable two-factor with a first code from the new secret */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: components["requestBodies"]["Code"];
            responses: {
                200: components["responses"]["TwoFactorState"];
                401: components["responses"]["Error"];
                409: components["responses"]["Error"];
                423: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/2fa/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable two-factor (needs a current code) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: components["requestBodies"]["Code"];
            responses: {
                200: components["responses"]["TwoFactorState"];
                401: components["responses"]["Error"];
                409: components["responses"]["Error"];
                423: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/2fa/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish a sign-in that needs two-factor; the session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        challengeToken: string;
                        /** @example 123456 */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description The session */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                401: components["responses"]["Error"];
                423: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in account, its sessions and its linked miners */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Dashboard */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Dashboard"];
                    };
                };
                401: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboard/miners/link-message": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The message a miner signs with `signmessage` to link its (P2PKH) login to the account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the miner's login address */
                        address: string;
                    };
                };
            };
            responses: {
                /** @description The message (valid 5 minutes, single use) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message?: string;
                            nonce?: string;
                            expiresAt?: number;
                            howToSign?: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboard/miners/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Link a miner login with its signed link message */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address: string;
                        /** @description base64 */
                        signature: string;
                        message: string;
                    };
                };
            };
            responses: {
                /** @description Linked */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address?: string;
                            linked?: number;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                409: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboard/miners/{address}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unlink a miner login from the account */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The miner's coin address (its Stratum login without the worker name) */
                    address: components["parameters"]["address"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Unlinked */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address?: string;
                            unlinked?: boolean;
                        };
                    };
                };
                401: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dashboard/miners/{address}/payout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Payout threshold (base units, null for the pool default) and payout address (null to pay the login) of a linked login */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The miner's coin address (its Stratum login without the worker name) */
                    address: components["parameters"]["address"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        threshold?: number | null;
                        payoutAddress?: string | null;
                        /** @description a current TOTP code: required to change payoutAddress when two-factor is on */
                        code?: string;
                    };
                };
            };
            responses: {
                /** @description The settings now in force */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address?: string;
                            payoutThreshold?: number;
                            payoutAddress?: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                423: components["responses"]["Error"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workers of every miner login linked to the account */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Workers */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            workers?: (components["schemas"]["Worker"] & {
                                address?: string;
                            })[];
                        };
                    };
                };
                401: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workers/{address}/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Forget a retired worker of a linked login (its history stays; its next share lists it again) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The miner's coin address (its Stratum login without the worker name) */
                    address: components["parameters"]["address"];
                    /** @description The worker's name; `~` for the unnamed worker */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Forgotten */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address?: string;
                            worker?: string;
                            forgotten?: boolean;
                        };
                    };
                };
                401: components["responses"]["Error"];
                404: components["responses"]["Error"];
                /** @description The worker sent shares in the last 10 minutes (`worker_active`) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Account: {
            id: number;
            walletAddress: string;
            created: number;
            twoFactorEnabled: boolean;
            payoutAddress: string | null;
        };
        Session: {
            /** @description JWT (HS256); send as Authorization: Bearer */
            accessToken: string;
            refreshToken: string;
            /** @example Bearer */
            tokenType: string;
            /** @description seconds */
            expiresIn: number;
            refreshExpiresIn: number;
            account: components["schemas"]["Account"];
        };
        TwoFactorChallenge: {
            twoFactorRequired?: boolean;
            challengeToken?: string;
            expiresIn?: number;
        };
        Error: {
            error: {
                /** @example bad_parameter */
                code: string;
                message: string;
                /** @example limit */
                parameter?: string;
            };
        };
        Health: {
            /** @enum {string} */
            status?: "ok" | "degraded";
            time?: number;
            checks?: {
                [key: string]: Record<string, never>;
            };
        };
        PoolStats: {
            /** @description hashes per second over the last 10 minutes */
            hashrate: number;
            activeWorkers: number;
            activeMiners: number;
            blocksFound: number;
            /** @description base units */
            totalPaid: number;
            /** @description network difficulty */
            difficulty: number;
            networkHashrate: number;
            lastBlockTime: number | null;
            /** @description percent */
            poolFee: number;
        };
        PoolInfo: {
            coin: string;
            symbol: string;
            network: string;
            algorithm: string;
            stratum: {
                /** @example stratum+tcp://pool.example:3333 */
                url: string;
                ports: {
                    port: number;
                    tls: boolean;
                    difficulty: {
                        initial: number;
                        min: number;
                        max: number;
                        variable: boolean;
                    };
                }[];
                login: {
                    username: string;
                    password: string;
                    example: string;
                };
            };
            payout: {
                /** @enum {string} */
                scheme: "pplns" | "pps" | "fpps" | "prop" | "solo";
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
        };
        LeaderboardEntry: {
            rank: number;
            address: string;
            hashrate: number;
            acceptedShares: number;
            rejectedShares: number;
            blocksFound: number;
        };
        HashrateHistory: {
            address?: string;
            from: number;
            to: number;
            bucket: string;
            points: {
                time: number;
                hashrate: number;
                accepted: number;
                rejected: number;
            }[];
        };
        Block: {
            height: number;
            hash: string;
            /** @enum {string} */
            status: "pending" | "confirmed" | "orphaned";
            confirmations: number;
            confirmationsRequired: number;
            reward: number;
            networkDifficulty: number;
            /** @description round work / network difficulty (1 = average luck) */
            effort: number;
            finder: string;
            worker: string;
            scheme: string;
            time: number;
            updated: number;
        };
        BlockPage: {
            blocks: components["schemas"]["Block"][];
            page: number;
            limit: number;
            /** @description blocks with this status */
            total: number;
        };
        BlockDetail: components["schemas"]["Block"] & {
            round?: {
                scheme?: string;
                windowTarget?: number;
                windowCounted?: number;
                paidInCoinbase?: boolean;
                credits?: {
                    address?: string;
                    shareDifficulty?: number;
                    amount?: number;
                    fee?: number;
                }[];
            } | null;
        };
        Payment: {
            /** Format: uuid */
            id: string;
            miner: string;
            address: string;
            amount: number;
            fee: number;
            /** @enum {string} */
            status: "intent" | "sent" | "confirmed" | "failed" | "held";
            txid: string | null;
            time: number;
            sent: number | null;
            confirmed: number | null;
        };
        Balance: {
            address: string;
            immature: number;
            pending: number;
            paid: number;
            payoutThreshold: number;
            payoutAddress: string;
        };
        BalanceChange: {
            id: number;
            amount: number;
            /** @enum {string} */
            reason: "block_credit" | "fee" | "pps_credit" | "payment" | "orphan_reversal" | "adjustment";
            block: number | null;
            payment: string | null;
            memo: string;
            time: number;
        };
        MinerSummary: {
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
            balance: components["schemas"]["Balance"];
        };
        /** @description A difficulty forecast, as the analytics service answers it and `viddhana analytics forecast --json` prints it. */
        DifficultyForecast: {
            /** @description how the forecast was made */
            method: string;
            /** @example damped-trend(w104) */
            model: string;
            /** @example litecoin */
            chain: string;
            /** @enum {string} */
            spacing: "retarget-epochs" | "per-row";
            /** @description probability of each interval */
            coverage: number;
            last_retarget: {
                height: number;
                difficulty: number;
            };
            /** @description the retarget in progress by the protocol rule (null when no tip is known) */
            current_epoch: {
                retarget_height: number;
                blocks_mined: number;
                blocks_remaining: number;
                expected_timespan_s: number;
                expected_retarget_time_unix: number;
                difficulty: number;
                low: number;
                high: number;
                /** @description the factor-4 clamp decides the point forecast */
                clamped: boolean;
            } | null;
            forecast: {
                /** @description retargets ahead (1 = the next) */
                horizon: number;
                height: number;
                expected_time_unix: number;
                difficulty: number;
                low: number;
                high: number;
                change_percent: number;
            }[];
        };
        DifficultyAnswer: components["schemas"]["DifficultyForecast"] & {
            /** @enum {string} */
            source: "node" | "series";
            /** @description with source node */
            network?: string;
            /** @description with source node, the chain's newest block */
            tip?: {
                height?: number;
                time_unix?: number;
                difficulty?: number;
            };
            /** @description whether the trained model is loaded, and why not */
            learned_model: {
                [key: string]: unknown;
            };
            notes: string[];
        };
        DailyEarning: {
            /** @example 2026-01-31 */
            date: string;
            time: number;
            /** @description credits less fees that day */
            amount: number;
        };
        DailyEarnings: {
            address: string;
            days: components["schemas"]["DailyEarning"][];
        };
        Dashboard: {
            account: components["schemas"]["Account"];
            sessions: {
                started: number;
                lastUsed: number | null;
                expires: number;
                userAgent: string;
                ip: string;
            }[];
            miners: {
                address: string;
                linked: number;
                hashrate: number;
                /** @description base units: the miner's own or the pool's default */
                payoutThreshold: number;
                balance: {
                    immature: number;
                    pending: number;
                    paid: number;
                };
            }[];
        };
        /** @description The analytics service's earnings projection (POST /api/v1/predict/earnings) */
        EarningsAnswer: {
            /** @description when asked for a miner's measured hashrate */
            address?: string;
            worker?: string;
            /** @example LTC */
            coin: string;
            unit: string;
            /** @enum {string} */
            scheme: "pplns" | "pps" | "fpps" | "prop" | "solo";
            fee_percent: number;
            coverage: number;
            hashrate: number;
            hashrate_source: string;
            pool_hashrate: number;
            network_difficulty: number;
            chain_height: number;
            fees_per_block: number;
            reward_per_block: number;
            difficulty: {
                method: string;
                retargets: number;
            };
            periods: {
                /** @enum {string} */
                period: "day" | "week" | "month";
                seconds: number;
                /** @description base units */
                expected: number;
                low: number;
                high: number;
                /** @example 0.12982854 */
                expected_coins: string;
                low_coins: string;
                high_coins: string;
                interval_probability: number;
                expected_blocks: number;
                probability_of_nothing: number;
            }[];
            assumptions: string[];
            notes: string[];
        };
        SentinelAlert: {
            time_ms: number;
            /** @example worker_offline */
            kind: string;
            miner: string;
            worker: string;
            p_value: number;
            reason: string;
        };
        /** @description The Sentinel's alerts in a window (POST /api/v1/sentinel/detect, GET /api/v1/alerts) */
        SentinelAnswer: {
            now_ms: number;
            scope: {
                miner: string | null;
                worker: string | null;
                since_minutes: number;
            };
            alerts: components["schemas"]["SentinelAlert"][];
            count: number;
            summary: string;
            sentinel: {
                evaluations: number;
                last_evaluation_ms: number;
                workers_watched: number;
                shares_seen: number;
                last_error?: string;
            };
        };
        Worker: {
            name: string;
            hashrate: number;
            acceptedShares: number;
            rejectedShares: number;
            online: boolean;
            lastShare: number | null;
            lastSeen: number;
            firstSeen: number;
        };
    };
    responses: {
        /** @description Whether two-factor is now enabled */
        TwoFactorState: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    twoFactorEnabled?: boolean;
                };
            };
        };
        /** @description An error */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The analytics service's answer, as it gave it */
        AiAnswer: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
    };
    parameters: {
        /** @description The miner's coin address (its Stratum login without the worker name) */
        address: string;
        /** @description Page number, from 0 */
        page: number;
        limit: number;
        /** @description Start of the range, Unix milliseconds or ISO 8601 UTC (default to - 24h); at most 31 days before `to` */
        from: string;
        /** @description End of the range, Unix milliseconds or ISO 8601 UTC (default now) */
        to: string;
        /** @description Time order of the list */
        order: "newest" | "oldest";
        /** @description Only rows from this time on, Unix milliseconds or ISO 8601 UTC (default unbounded) */
        since: string;
        /** @description Only rows before this time, Unix milliseconds or ISO 8601 UTC (default unbounded) */
        until: string;
        /** @description Bucket size (default by range; at most 2000 buckets) */
        bucket: "1m" | "5m" | "15m" | "1h" | "1d";
    };
    requestBodies: {
        Code: {
            content: {
                "application/json": {
                    /** @example 123456 */
                    code: string;
                };
            };
        };
        AiRequest: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
    };
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
