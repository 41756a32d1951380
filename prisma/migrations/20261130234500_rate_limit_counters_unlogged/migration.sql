-- API rate-limit counters need no crash safety: after a crash PostgreSQL empties an unlogged
-- table, which at worst gives tokens a fresh minute. In exchange a counter update writes no
-- WAL, so its commit does not wait for a disk flush while holding the counter row's lock;
-- every call of one token (a CI fleet asking the deployment gate) increments the same row,
-- so that wait would otherwise cap the token's throughput at one flush per call.
ALTER TABLE "ApiRateLimit" SET UNLOGGED;
