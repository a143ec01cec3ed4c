-- Order status tracking (release 1.2.0). Additive and defaulted, so 1.1.0 keeps working on it.
ALTER TABLE orders ADD COLUMN status TEXT NOT NULL DEFAULT 'pending'
  CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled'));
CREATE INDEX orders_status ON orders (status);
