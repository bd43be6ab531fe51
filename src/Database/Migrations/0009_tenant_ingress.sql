-- What webhook ingress needs to accept or refuse a request without asking the cluster: per installed company, the
-- SHA-256 of its Pipedrive webhook Basic credentials and of its Maileon URL token (hashes of 256-bit random
-- secrets, so not secrets themselves), and whether it is still installed. The tenant grain writes a row whenever
-- one of these changes; every web node keeps the whole table in memory and polls it for changes.
--
-- changed_by is the id of the transaction that wrote the row. A reader that remembers the oldest transaction still
-- running at its last read (pg_snapshot_xmin) and next reads the rows with changed_by at or above it sees every
-- change exactly once or more, even one committed late by a transaction that started early; a plain sequence
-- would let such a late commit slip behind the reader's watermark.
CREATE TABLE tenant_ingress
(
    company_id                bigint  NOT NULL PRIMARY KEY,
    installed                 boolean NOT NULL,
    pipedrive_credential_hash bytea   NULL,
    maileon_token_hash        bytea   NULL,
    changed_by                xid8    NOT NULL DEFAULT pg_current_xact_id()
);

CREATE INDEX ix_tenant_ingress_changed_by ON tenant_ingress (changed_by);
