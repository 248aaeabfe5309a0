# DDL (docs/sql.md, "Creating tables"): CREATE TABLE installs attributes in the table's namespace
# with what was declared; ALTER TABLE, DROP TABLE, TRUNCATE, CREATE INDEX and views are schema
# transactions too. Each statement runs with autocommit on.

CREATE TABLE customer (
  id INTEGER PRIMARY KEY,
  name VARCHAR(40) NOT NULL,
  email VARCHAR(100) UNIQUE,
  tier CHAR(1) DEFAULT 'B',
  credit DECIMAL(10, 2) DEFAULT 0,
  since DATE,
  active BOOLEAN DEFAULT TRUE NOT NULL
);
!count 0

# a table-level key, a reference to a key column, a default of the statement's time
CREATE TABLE orders (
  id BIGINT,
  customer_id INT NOT NULL REFERENCES customer (id),
  placed TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  total NUMERIC(12, 2),
  note TEXT,
  CONSTRAINT orders_pk PRIMARY KEY (id)
);
!count 0

# columns come in their declared order, DB_ID first
SELECT * FROM customer;
DB_ID | ID | NAME | EMAIL | TIER | CREDIT | SINCE | ACTIVE

INSERT INTO customer (id, name, email, since) VALUES (1, 'Ann', 'ann@x', DATE '2020-01-15'), (2, 'Bob', NULL, NULL);
!count 2

# defaults fill what the INSERT does not name; an explicit NULL stays NULL
INSERT INTO customer (id, name, tier, credit) VALUES (3, 'Cy', NULL, 12.345);
!count 1

SELECT id, name, email, tier, credit, since, active FROM customer ORDER BY id;
ID | NAME | EMAIL | TIER | CREDIT | SINCE | ACTIVE
1 | Ann | ann@x | B | 0.00 | 2020-01-15 | true
2 | Bob | NULL | B | 0.00 | NULL | true
3 | Cy | NULL | NULL | 12.35 | NULL | true

# the primary key is unique and NOT NULL
INSERT INTO customer (id, name) VALUES (1, 'Again');
!error 23505

INSERT INTO customer (name) VALUES ('No key');
!error 23502

INSERT INTO customer (id, name, email) VALUES (4, 'Dup', 'ann@x');
!error 23505

UPDATE customer SET name = NULL WHERE id = 2;
!error 23502

# declared lengths, ranges and scales hold
INSERT INTO customer (id, name) VALUES (5, 'A name much longer than forty characters in all');
!error 22001

INSERT INTO customer (id, name) VALUES (3000000000, 'Too big');
!error 22003

INSERT INTO customer (id, name, credit) VALUES (6, 'Rich', 123456789.00);
!error 22003

# a reference is written and read as the key it names, stored as a ref to the row
INSERT INTO orders (id, customer_id, total, note) VALUES (10, 1, 99.5, 'first'), (11, 1, 5, NULL), (12, 2, 7.25, 'b');
!count 3

INSERT INTO orders (id, customer_id) VALUES (13, 42);
!error 23503

SELECT o.id, o.customer_id, c.name, o.total FROM orders o JOIN customer c ON c.id = o.customer_id ORDER BY o.id;
ID | CUSTOMER_ID | NAME | TOTAL
10 | 1 | Ann | 99.50
11 | 1 | Ann | 5.00
12 | 2 | Bob | 7.25

SELECT id FROM orders WHERE customer_id = 1 ORDER BY id;
ID
10
11

SELECT COUNT(*) AS n FROM orders WHERE placed IS NOT NULL;
N
3

# a referenced row cannot be deleted while rows reference it
DELETE FROM customer WHERE id = 1;
!error 23503

DELETE FROM orders WHERE customer_id = 2;
!count 1

DELETE FROM customer WHERE id = 2;
!count 1

# ON DELETE CASCADE deletes the rows that point to a deleted row (and theirs, in turn); ON DELETE
# SET NULL empties the column; a reference without either (NO ACTION) still refuses
CREATE TABLE album (id INT PRIMARY KEY, title VARCHAR(40));
!count 0

CREATE TABLE track (id INT PRIMARY KEY, album_id INT REFERENCES album (id) ON DELETE CASCADE, title VARCHAR(40));
!count 0

CREATE TABLE play (id INT PRIMARY KEY, track_id INT NOT NULL,
  CONSTRAINT play_track FOREIGN KEY (track_id) REFERENCES track (id) ON UPDATE CASCADE ON DELETE CASCADE);
!count 0

CREATE TABLE review (id INT PRIMARY KEY, album_id INT REFERENCES album ON DELETE SET NULL, stars INT);
!count 0

CREATE TABLE award (id INT PRIMARY KEY, track_id INT REFERENCES track (id) ON DELETE NO ACTION);
!count 0

INSERT INTO album VALUES (1, 'One'), (2, 'Two'), (3, 'Three');
!count 3

INSERT INTO track VALUES (10, 1, 'a'), (11, 1, 'b'), (20, 2, 'c'), (30, 3, 'd');
!count 4

INSERT INTO play VALUES (100, 10), (101, 10), (102, 11), (200, 20), (300, 30);
!count 5

INSERT INTO review VALUES (1000, 1, 5), (1001, 2, 3);
!count 2

INSERT INTO award VALUES (5000, 20);
!count 1

# album 2's track has an award, which does not cascade: nothing is deleted
DELETE FROM album WHERE id IN (1, 2);
!error 23503

SELECT COUNT(*) AS n FROM play;
N
5

# the count is of the table's own rows, as in PostgreSQL
DELETE FROM album WHERE id = 1;
!count 1

SELECT id, album_id FROM track ORDER BY id;
ID | ALBUM_ID
20 | 2
30 | 3

SELECT id, track_id FROM play ORDER BY id;
ID | TRACK_ID
200 | 20
300 | 30

SELECT id, album_id, stars FROM review ORDER BY id;
ID | ALBUM_ID | STARS
1000 | NULL | 5
1001 | 2 | 3

# deleting a row in the middle cascades down only
DELETE FROM track WHERE id = 30;
!count 1

SELECT a.id, COUNT(t.id) AS tracks FROM album a LEFT JOIN track t ON t.album_id = a.id GROUP BY a.id ORDER BY a.id;
ID | TRACKS
2 | 1
3 | 0

SELECT COUNT(*) AS n FROM play;
N
1

# SET NULL on a NOT NULL column fails the DELETE, as in PostgreSQL
CREATE TABLE sticker (id INT PRIMARY KEY, album_id INT NOT NULL REFERENCES album ON DELETE SET NULL);
!count 0

INSERT INTO sticker VALUES (1, 3);
!count 1

DELETE FROM album WHERE id = 3;
!error 23502

SELECT COUNT(*) AS n FROM album;
N
2

# a row whose every column is NULL is still a row: the table's marker makes it one
CREATE TABLE note (body VARCHAR(200), pinned BOOLEAN);
!count 0

INSERT INTO note (body) VALUES (NULL);
!count 1

INSERT INTO note (body, pinned) VALUES ('hello', FALSE);
!count 1

SELECT COUNT(*) AS n FROM note;
N
2

SELECT body, pinned FROM note;
BODY | PINNED
NULL | NULL
hello | false

DELETE FROM note WHERE body IS NULL;
!count 1

SELECT COUNT(*) AS n FROM note;
N
1

# IF NOT EXISTS, and a table that exists
CREATE TABLE IF NOT EXISTS note (x INT);
!count 0

CREATE TABLE note (x INT);
!error 42P07

# ALTER TABLE: a column added to a table with rows takes its DEFAULT in every row
ALTER TABLE customer ADD COLUMN vip BOOLEAN DEFAULT FALSE NOT NULL;
!count 0

ALTER TABLE customer ADD COLUMN phone VARCHAR(20);
!count 0

SELECT id, vip, phone FROM customer ORDER BY id;
ID | VIP | PHONE
1 | false | NULL
3 | false | NULL

ALTER TABLE customer ADD COLUMN region VARCHAR(10) NOT NULL;
!error 23502

ALTER TABLE customer ADD COLUMN phone INT;
!error 42701

ALTER TABLE customer ADD COLUMN IF NOT EXISTS phone INT;
!count 0

ALTER TABLE customer ALTER COLUMN tier SET DEFAULT 'A';
!count 0

INSERT INTO customer (id, name) VALUES (7, 'Dee');
!count 1

SELECT tier, vip FROM customer WHERE id = 7;
TIER | VIP
A | false

ALTER TABLE customer ALTER COLUMN phone SET NOT NULL;
!error 23502

ALTER TABLE customer ALTER COLUMN email SET NOT NULL;
!error 23502

ALTER TABLE customer ALTER COLUMN name DROP NOT NULL;
!count 0

UPDATE customer SET name = NULL WHERE id = 7;
!count 1

# DROP COLUMN: the column leaves the table, its history stays readable
ALTER TABLE customer DROP COLUMN phone;
!count 0

SELECT * FROM customer WHERE id = 3;
DB_ID | ID | NAME | EMAIL | TIER | CREDIT | SINCE | ACTIVE | VIP
17592186044432 | 3 | Cy | NULL | NULL | 12.35 | NULL | true | false

ALTER TABLE customer DROP COLUMN phone;
!error 42703

ALTER TABLE customer DROP COLUMN IF EXISTS phone;
!count 0

# CREATE INDEX: accepted (AVET covers every attribute); UNIQUE makes the column unique
CREATE INDEX customer_name ON customer (name);
!count 0

CREATE UNIQUE INDEX customer_vip ON customer (vip);
!error 23505

CREATE UNIQUE INDEX orders_note ON orders (note);
!count 0

INSERT INTO orders (id, customer_id, note) VALUES (14, 3, 'first');
!error 23505

# views
CREATE VIEW big_orders AS SELECT o.id, c.name, o.total FROM orders o JOIN customer c ON c.id = o.customer_id WHERE o.total > 10;
!count 0

SELECT * FROM big_orders;
ID | NAME | TOTAL
10 | Ann | 99.50

CREATE VIEW big_orders AS SELECT 1 AS x;
!error 42P07

CREATE OR REPLACE VIEW big_orders (order_id, amount) AS SELECT id, total FROM orders WHERE total > 1;
!count 0

SELECT * FROM big_orders ORDER BY order_id;
ORDER_ID | AMOUNT
10 | 99.50
11 | 5.00

SELECT b.amount FROM big_orders b WHERE b.order_id = 11;
AMOUNT
5.00

CREATE VIEW broken AS SELECT nothing FROM orders;
!error 42703

DROP VIEW big_orders;
!count 0

SELECT * FROM big_orders;
!error 42P01

DROP VIEW IF EXISTS big_orders;
!count 0

# TRUNCATE deletes every row
TRUNCATE TABLE note;
!count 0

SELECT COUNT(*) AS n FROM note;
N
0

INSERT INTO note (body) VALUES ('kept');
!count 1

# DROP TABLE: a referenced table needs CASCADE, which drops the reference and keeps the column
DROP TABLE customer;
!error 2BP01

DROP TABLE note;
!count 0

SELECT * FROM note;
!error 42P01

DROP TABLE IF EXISTS note;
!count 0

# the dropped table's attributes are renamed into a namespace of their own, and its history stays
# readable in the history table of that name
SELECT DISTINCT A FROM DATOMS.AEVT WHERE A LIKE ':note.dropped-%' ORDER BY A;
A
:note.dropped-39/body
:note.dropped-39/db.row

SELECT ATTRIBUTE, V, ADDED FROM HISTORY.NOTE_DROPPED_39 WHERE ATTRIBUTE LIKE '%body' ORDER BY TX, ADDED;
ATTRIBUTE | V | ADDED
:note.dropped-39/body | "hello" | true
:note.dropped-39/body | "hello" | false
:note.dropped-39/body | "kept" | true

# a new table may take the dropped one's name
CREATE TABLE note (title VARCHAR(10) PRIMARY KEY);
!count 0

INSERT INTO note (title) VALUES ('again');
!count 1

SELECT * FROM note;
DB_ID | TITLE
17592186044484 | again

# an identity column is the row's entity id under the column's name: given by an INSERT, and what
# a reference to it holds
CREATE TABLE account (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, owner VARCHAR(20) NOT NULL);
!count 0

CREATE TABLE entry (id BIGSERIAL, account_id BIGINT NOT NULL, amount INTEGER, CONSTRAINT entry_account FOREIGN KEY (account_id) REFERENCES account (id));
!count 0

INSERT INTO account (owner) VALUES ('ann'), ('bob');
!count 2

INSERT INTO account (id, owner) VALUES (1, 'cy');
!error 0A000

INSERT INTO entry (account_id, amount) SELECT id, 10 FROM account WHERE owner = 'ann';
!count 1

INSERT INTO entry (account_id, amount) VALUES (12345, 5);
!error 23503

SELECT a.owner, e.amount FROM entry e JOIN account a ON a.id = e.account_id;
OWNER | AMOUNT
ann | 10

SELECT COUNT(*) AS n FROM account WHERE id = db_id;
!error 42703

# a column that holds entity ids becomes a reference with ALTER TABLE … ADD … FOREIGN KEY (an
# empty one of another type is replaced: an attribute's value type never changes), and a named
# foreign key is dropped by its name
CREATE TABLE audit (id BIGINT GENERATED ALWAYS AS IDENTITY, account_id BIGINT, note TEXT);
!count 0

ALTER TABLE audit ADD CONSTRAINT audit_account FOREIGN KEY (account_id) REFERENCES account;
!count 0

INSERT INTO audit (account_id, note) SELECT id, 'seen' FROM account WHERE owner = 'bob';
!count 1

INSERT INTO audit (account_id, note) VALUES (99, 'nobody');
!error 23503

ALTER TABLE audit DROP CONSTRAINT audit_account;
!count 0

ALTER TABLE audit DROP CONSTRAINT audit_account;
!error 42704

ALTER TABLE audit DROP CONSTRAINT IF EXISTS audit_account;
!count 0

DELETE FROM account WHERE owner = 'bob';
!count 1

# keys of several columns (a join table's): composite tuples of their attributes, unique
CREATE TABLE membership (member_id BIGINT, team_id BIGINT, role VARCHAR(10), PRIMARY KEY (member_id, team_id), UNIQUE (team_id, role));
!count 0

INSERT INTO membership (member_id, team_id, role) VALUES (1, 10, 'lead'), (2, 10, 'dev'), (1, 11, 'dev');
!count 3

INSERT INTO membership (member_id, team_id, role) VALUES (1, 10, 'qa');
!error 23505

INSERT INTO membership (member_id, team_id, role) VALUES (3, 10, 'lead');
!error 23505

INSERT INTO membership (team_id, role) VALUES (12, 'x');
!error 23502

DELETE FROM membership WHERE member_id = 1 AND team_id = 10;
!count 1

INSERT INTO membership (member_id, team_id, role) VALUES (1, 10, 'again');
!count 1

SELECT member_id, team_id, role FROM membership ORDER BY member_id, team_id;
MEMBER_ID | TEAM_ID | ROLE
1 | 10 | again
1 | 11 | dev
2 | 10 | dev

CREATE TABLE member_note (m BIGINT REFERENCES membership, note TEXT);
!error 0A000

# CHECK constraints hold for SQL writes: a row passes unless its expression is false
CREATE TABLE product (sku VARCHAR(10) PRIMARY KEY, price DECIMAL(8, 2) CHECK (price >= 0), discount DECIMAL(8, 2), status VARCHAR(10) DEFAULT 'new', CHECK (discount <= price), CONSTRAINT status_ok CHECK (status IN ('new', 'sold')));
!count 0

INSERT INTO product (sku, price, discount) VALUES ('a', 10, 2), ('b', NULL, 5);
!count 2

INSERT INTO product (sku, price) VALUES ('c', -1);
!error 23514

INSERT INTO product (sku, price, discount) VALUES ('d', 5, 6);
!error 23514

INSERT INTO product (sku, price, status) VALUES ('e', 5, 'lost');
!error 23514

UPDATE product SET price = 1 WHERE sku = 'a';
!error 23514

UPDATE product SET status = 'sold' WHERE sku = 'a';
!count 1

SELECT sku, price, discount, status FROM product ORDER BY sku;
SKU | PRICE | DISCOUNT | STATUS
a | 10.00 | 2.00 | sold
b | NULL | 5.00 | new

ALTER TABLE product ADD CHECK (sku <> 'b');
!error 23514

ALTER TABLE product ADD CONSTRAINT short_sku CHECK (CHAR_LENGTH(sku) < 5);
!count 0

INSERT INTO product (sku, price) VALUES ('longer', 1);
!error 23514

# DDL that is not supported says so, and what to do instead
CREATE TABLE t1 (id SERIAL PRIMARY KEY);
!error 0A000

CREATE TABLE t2 (a INT CHECK (nothing > 0));
!error 42703

CREATE TABLE t3 (a INT, b INT, c INT, FOREIGN KEY (a, b) REFERENCES membership (member_id, team_id));
!error 0A000

CREATE TEMPORARY TABLE t4 (a INT);
!error 0A000

CREATE TABLE t5 (a INT[]);
!error 0A000

CREATE TABLE t6 (a GEOMETRY);
!error 0A000

CREATE TABLE t7 (a INT REFERENCES customer (id) ON DELETE SET DEFAULT);
!error 0A000

GRANT SELECT ON customer TO someone;
!error 0A000

CREATE SEQUENCE s;
!error 0A000

# malformed DDL is a syntax error naming the place
CREATE TABLE t8 (a INT,);
!error 42601

CREATE TABLE t9 a INT;
!error 42601

CREATE TABLE t10 (a INT, a TEXT);
!error 42701

CREATE TABLE t11 (db_id INT);
!error 42701

CREATE TABLE t12 (a INT REFERENCES nowhere (id));
!error 42P01

CREATE TABLE t13 (a INT REFERENCES customer (name));
!error 42830

CREATE TABLE t14 (a VARCHAR(5) REFERENCES customer (id));
!error 42804

CREATE TABLE t15 (a INT DEFAULT 'x');
!error 22P02

CREATE TABLE t16 (a INT DEFAULT nextval('s'));
!error 0A000

ALTER TABLE nowhere ADD COLUMN a INT;
!error 42P01

ALTER TABLE IF EXISTS nowhere ADD COLUMN a INT;
!count 0

# none of the failed statements left a table behind
SELECT COUNT(*) AS n FROM t2;
!error 42P01
