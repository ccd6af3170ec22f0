-- Reverses 000001: drops the seed's tables WITH THEIR DATA, including the backend's users.
DROP TABLE IF EXISTS promo_eligibilities;
DROP TABLE IF EXISTS promos;
DROP TABLE IF EXISTS users;
