-- The outbox's sequence becomes bigint (docs/scaling.md): on a distributed table (Citus) identity
-- values are generated on worker nodes only for bigint columns, and a national outbox should never
-- run out of 2^31 numbers. PostgreSQL widens the identity's sequence with the column.
ALTER TABLE "outbox" ALTER COLUMN "seq" SET DATA TYPE bigint;
