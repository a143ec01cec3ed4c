-- Orders placed in the web shop (release 1.0.0).
CREATE TABLE orders (
  id             INTEGER PRIMARY KEY,
  customer_email TEXT    NOT NULL,
  total_cents    INTEGER NOT NULL CHECK (total_cents >= 0),
  created_at     TEXT    NOT NULL
);
CREATE INDEX orders_customer_email ON orders (customer_email);
