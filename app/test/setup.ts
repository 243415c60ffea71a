// Unit tests run without a server; DB-backed tests set DATABASE_URL themselves.
process.env.DATA_DIR ??= "data/test";
