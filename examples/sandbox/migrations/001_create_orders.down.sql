-- Reverts 001: the orders table and its index go away (with their rows).
DROP INDEX orders_customer_email;
DROP TABLE orders;
