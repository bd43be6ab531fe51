-- Tables of our own (not Orleans'): the Data Protection key ring shared by every silo and web node, the tenant
-- directory for operator pages, and the consent ledger and activity log each tenant can read and export.

CREATE TABLE data_protection_keys
(
    friendly_name text        NOT NULL PRIMARY KEY,
    xml           text        NOT NULL, -- the key element, encrypted with the configured master key
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tenants
(
    company_id   bigint      NOT NULL PRIMARY KEY,
    company_name text        NOT NULL,
    status       text        NOT NULL,
    installed_at timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

-- Append-only evidence of every subscription transition of a person. (company, person, sequence) is written by
-- the person's grain from its own journal, so re-sending an entry after a crash inserts nothing twice.
CREATE TABLE consent_ledger
(
    company_id      bigint      NOT NULL,
    person_id       bigint      NOT NULL,
    sequence        integer     NOT NULL,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    actor           text        NOT NULL,
    source          text        NOT NULL,
    from_status     text        NOT NULL,
    to_status       text        NOT NULL,
    email           text        NULL,
    detail          text        NULL,
    maileon_outcome text        NULL,
    PRIMARY KEY (company_id, person_id, sequence)
);

CREATE INDEX ix_consent_ledger_company_time ON consent_ledger (company_id, occurred_at);

CREATE TABLE activity_log
(
    company_id  bigint      NOT NULL,
    entry_id    uuid        NOT NULL,
    occurred_at timestamptz NOT NULL,
    level       text        NOT NULL,
    area        text        NOT NULL,
    person_id   bigint      NULL,
    deal_id     bigint      NULL,
    message     text        NOT NULL,
    PRIMARY KEY (company_id, entry_id)
);

CREATE INDEX ix_activity_log_company_time ON activity_log (company_id, occurred_at DESC);
