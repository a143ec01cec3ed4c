-- Reverts 002: the status column and its index are dropped; the orders themselves stay.
DROP INDEX orders_status;
ALTER TABLE orders DROP COLUMN status;
