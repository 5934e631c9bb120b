-- One-click ratings of the assistant's answers, one row per click, so trainers can see which
-- answers (responses or actions) fail and read the optional comments.
CREATE TABLE answer_ratings (
    idempotency_key VARCHAR(128) PRIMARY KEY,
    conversation_id VARCHAR(255) NOT NULL,
    answer VARCHAR(128) NOT NULL,
    rating VARCHAR(4) NOT NULL CHECK (rating IN ('up', 'down')),
    language VARCHAR(2) NOT NULL CHECK (language IN ('lv', 'en', 'ru')),
    comment TEXT,
    created_at VARCHAR(32) NOT NULL
);

CREATE INDEX answer_ratings_answer ON answer_ratings (answer, rating);
