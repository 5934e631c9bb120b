-- Cases filed by the assistant. Times are UTC ISO 8601 text ("2026-11-24T17:03:00Z") so the same
-- schema works on SQLite and PostgreSQL and sorts correctly as text.
-- The reference is the natural key: the client computes it before the desk ever sees the case.
CREATE TABLE cases (
    reference VARCHAR(20) PRIMARY KEY,
    idempotency_key VARCHAR(128) NOT NULL UNIQUE,
    kind VARCHAR(16) NOT NULL CHECK (kind IN ('urgent', 'application', 'feedback')),
    case_type VARCHAR(64) NOT NULL,
    language VARCHAR(2) NOT NULL CHECK (language IN ('lv', 'en', 'ru')),
    conversation_id VARCHAR(255) NOT NULL,
    received_at VARCHAR(32) NOT NULL,
    deadline VARCHAR(32),
    status VARCHAR(16) NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'done')),
    status_by VARCHAR(128),
    status_at VARCHAR(32),
    fields TEXT NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);

-- Staff queues: "new urgent cases, oldest first".
CREATE INDEX cases_queue ON cases (kind, status, received_at);
CREATE INDEX cases_conversation ON cases (conversation_id);

-- Who moved a case to which status and when. Statuses only move forward, so one row per status
-- is enough and the key also stops two concurrent identical moves from both being recorded.
CREATE TABLE case_status_changes (
    reference VARCHAR(20) NOT NULL REFERENCES cases (reference),
    status VARCHAR(16) NOT NULL,
    changed_by VARCHAR(128) NOT NULL,
    changed_at VARCHAR(32) NOT NULL,
    PRIMARY KEY (reference, status)
);

-- Fields added after filing (e.g. a callback phone given later). Keyed by the client's
-- idempotency key so a redelivered update is recognised and applied once.
CREATE TABLE case_field_updates (
    idempotency_key VARCHAR(128) PRIMARY KEY,
    reference VARCHAR(20) NOT NULL REFERENCES cases (reference),
    fields TEXT NOT NULL,
    applied_at VARCHAR(32) NOT NULL
);
