-- Staff console (desk/web/): accounts, server-side sessions, the trainers' NLU annotations and
-- conversations kept from retention. Times are UTC ISO 8601 text like the rest of the schema.

-- password_hash is "scrypt$n$r$p$salt$hash" (desk/passwords.py); no plain or reversible form.
-- failed_logins and locked_until implement the lock-out (5 failures -> 15 minutes).
CREATE TABLE staff_users (
    username VARCHAR(64) PRIMARY KEY,
    password_hash VARCHAR(255) NOT NULL,
    role VARCHAR(16) NOT NULL CHECK (role IN ('support', 'trainer', 'admin')),
    disabled INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until VARCHAR(32),
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);

-- Only the SHA-256 of the session cookie is stored: a leaked table does not log anyone in.
-- csrf_token is per session and checked on every POST.
CREATE TABLE staff_sessions (
    token_hash VARCHAR(64) PRIMARY KEY,
    username VARCHAR(64) NOT NULL REFERENCES staff_users (username),
    csrf_token VARCHAR(64) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    expires_at VARCHAR(32) NOT NULL
);

CREATE INDEX staff_sessions_user ON staff_sessions (username);

-- A trainer's verdict on one customer message from the tracker store: the right intent, or
-- '__noise__'. The text is copied so the export survives tracker retention.
CREATE TABLE nlu_annotations (
    message_key VARCHAR(64) PRIMARY KEY,
    conversation_id VARCHAR(255) NOT NULL,
    text TEXT NOT NULL,
    predicted_intent VARCHAR(128),
    confidence VARCHAR(16),
    verdict VARCHAR(128) NOT NULL,
    annotated_by VARCHAR(64) NOT NULL,
    annotated_at VARCHAR(32) NOT NULL
);

CREATE INDEX nlu_annotations_verdict ON nlu_annotations (verdict);

-- Conversations staff asked to keep (complaints, disputes): `python -m desk retention` skips them.
CREATE TABLE kept_conversations (
    conversation_id VARCHAR(255) PRIMARY KEY,
    kept_by VARCHAR(64) NOT NULL,
    kept_at VARCHAR(32) NOT NULL
);
