// Every collection here starts real processes (PostgreSQL databases, silos, web nodes, the sandbox) and some flood
// them on purpose; on a 2-core machine running collections side by side starves the timing-sensitive ones (a deal
// burst stalled while the rate-limit flood of another collection ran). They run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
