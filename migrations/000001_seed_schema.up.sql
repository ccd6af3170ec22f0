-- The seed service's schema (sayakaya-scheduler, golang-migrate version 1), without its data.
-- IF NOT EXISTS: a database already created by the seed is left untouched.
CREATE TABLE IF NOT EXISTS users (
    id SERIAL PRIMARY KEY,
    name VARCHAR(255),
    email VARCHAR(255),
    phone_number VARCHAR(20),
    birthday DATE,
    verified_status BOOLEAN
);

CREATE TABLE IF NOT EXISTS promos (
    id SERIAL PRIMARY KEY,
    promo_code VARCHAR(50),
    name VARCHAR(255),
    amount INT,
    start_date DATE,
    end_date DATE
);

CREATE TABLE IF NOT EXISTS promo_eligibilities (
    promo_id INT REFERENCES promos (id),
    user_id INT REFERENCES users (id),
    claimed_at TIMESTAMPTZ,
    PRIMARY KEY (promo_id, user_id)
);
