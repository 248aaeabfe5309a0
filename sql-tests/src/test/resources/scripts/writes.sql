# SQL writes (docs/sql.md, "Writes"): INSERT, UPDATE and DELETE on entity and child tables become
# transactions on the same datoms; history keeps every change. Each statement here runs with
# autocommit on: one transaction each.
@edn
[{:db/ident :person/email :db/valueType :db.type/string :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}
 {:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
 {:db/ident :person/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}
 {:db/ident :person/alias :db/valueType :db.type/string :db/cardinality :db.cardinality/many}
 {:db/ident :person/status :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}
 {:db/ident :person/boss :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}
 {:db/ident :person/born :db/valueType :db.type/instant :db/cardinality :db.cardinality/one}
 {:db/ident :person/score :db/valueType :db.type/bigdec :db/cardinality :db.cardinality/one}
 {:db/ident :person.status/active}
 {:db/ident :person.status/retired}]
@end

INSERT INTO PERSON (EMAIL, NAME, AGE) VALUES ('ann@x', 'Ann', 30);
!count 1

# several rows in one statement; columns in any order; a NULL is no datom
INSERT INTO PERSON (NAME, EMAIL, AGE, STATUS) VALUES ('Bob', 'bob@x', 41, ':person.status/active'), ('Cy', 'cy@x', NULL, NULL);
!count 2

SELECT EMAIL, NAME, AGE, STATUS FROM PERSON;
EMAIL | NAME | AGE | STATUS
ann@x | Ann | 30 | NULL
bob@x | Bob | 41 | :person.status/active
cy@x | Cy | NULL | NULL

# an INSERT of a key that exists fails (23505) instead of upserting, and changes nothing
INSERT INTO PERSON (EMAIL, NAME) VALUES ('ann@x', 'Annie');
!error 23505

SELECT NAME FROM PERSON WHERE EMAIL = 'ann@x';
NAME
Ann

# two new rows with one key in one statement
INSERT INTO PERSON (EMAIL) VALUES ('dup@x'), ('dup@x');
!error 23505

SELECT COUNT(*) AS N FROM PERSON;
N
3

# expressions and casts in VALUES are computed; types are converted as PostgreSQL assigns them
INSERT INTO PERSON (EMAIL, NAME, AGE, BORN, SCORE) VALUES ('dee@' || 'x', UPPER('dee'), 20 + 5, TIMESTAMP '1990-05-01 12:00:00', 12.50);
!count 1

SELECT NAME, AGE, BORN, SCORE FROM PERSON WHERE EMAIL = 'dee@x';
NAME | AGE | BORN | SCORE
DEE | 25 | 1990-05-01 12:00:00 | 12.50

INSERT INTO PERSON (EMAIL, AGE) VALUES ('eve@x', 7.6);
!count 1

SELECT AGE FROM PERSON WHERE EMAIL = 'eve@x';
AGE
8

INSERT INTO PERSON (EMAIL, AGE) VALUES ('fay@x', 'old');
!error 22

INSERT INTO PERSON (EMAIL, STATUS) VALUES ('gus@x', ':person.status/unknown');
!error 23503

INSERT INTO PERSON (EMAIL, BOSS) VALUES ('gus@x', 12345);
!error 23503

# a row needs a value: an entity without any attribute of the table is no row
INSERT INTO PERSON (NAME) VALUES (NULL);
!error 23502

INSERT INTO PERSON (EMAIL, NAME) VALUES ('x@x');
!error 42601

INSERT INTO PERSON (EMAIL, NOPE) VALUES ('x@x', 1);
!error 42703

INSERT INTO PERSON (DB_ID, EMAIL) VALUES (1, 'x@x');
!error 0A000

INSERT INTO NOWHERE (A) VALUES (1);
!error 42P01

INSERT INTO HISTORY.PERSON (NAME) VALUES ('x');
!error 0A000

# INSERT … SELECT copies rows
INSERT INTO PERSON (EMAIL, NAME, BOSS) SELECT 'copy-' || EMAIL, NAME, DB_ID FROM PERSON WHERE AGE > 40;
!count 1

SELECT P.NAME, B.EMAIL AS BOSS FROM PERSON P JOIN PERSON B ON P.BOSS = B.DB_ID;
NAME | BOSS
Bob | bob@x

# UPDATE by key, by condition, with expressions; the count is the rows matched
UPDATE PERSON SET AGE = 31 WHERE EMAIL = 'ann@x';
!count 1

UPDATE PERSON SET AGE = AGE + 1, STATUS = ':person.status/retired' WHERE AGE >= 30;
!count 2

UPDATE PERSON SET NAME = 'Nobody' WHERE EMAIL = 'nobody@x';
!count 0

# setting NULL retracts the value
UPDATE PERSON SET AGE = NULL WHERE EMAIL = 'bob@x';
!count 1

# adding to a number without reading it (an increment at commit); NULL plus one stays NULL
UPDATE PERSON SET AGE = AGE + 1 WHERE EMAIL IN ('bob@x', 'dee@x');
!count 2

UPDATE PERSON SET AGE = AGE - 1 WHERE EMAIL = 'dee@x';
!count 1

SELECT EMAIL, AGE, STATUS FROM PERSON WHERE EMAIL IN ('ann@x', 'bob@x', 'cy@x');
EMAIL | AGE | STATUS
ann@x | 32 | :person.status/retired
bob@x | NULL | :person.status/retired
cy@x | NULL | NULL

# an UPDATE that would give two rows one key fails, and changes nothing
UPDATE PERSON SET EMAIL = 'ann@x' WHERE EMAIL = 'cy@x';
!error 23505

UPDATE PERSON SET DB_ID = 5;
!error 0A000

UPDATE PERSON SET AGE = 'x' WHERE EMAIL = 'ann@x';
!error 22

# history keeps the old values: Ann's ages over time
SELECT H.AGE, H.ADDED FROM HISTORY.PERSON H JOIN PERSON P ON P.DB_ID = H.DB_ID WHERE P.EMAIL = 'ann@x' AND H.AGE IS NOT NULL ORDER BY H.TX, H.ADDED;
AGE | ADDED
30 | true
30 | false
31 | true
31 | false
32 | true

# and FOR SYSTEM_TIME AS OF reads the table before the UPDATEs (each statement above was one
# transaction: the schema is t 1, the first INSERT t 2, … the INSERT … SELECT t 6)
SELECT P.AGE FROM PERSON FOR SYSTEM_TIME AS OF BASIS_T(6) AS P WHERE P.EMAIL = 'ann@x';
AGE
30

SELECT P.AGE FROM PERSON FOR SYSTEM_TIME AS OF BASIS_T(7) AS P WHERE P.EMAIL = 'ann@x';
AGE
31

# the child table of a cardinality-many attribute: a row per value
INSERT INTO PERSON_ALIAS (PERSON_ID, ALIAS) SELECT DB_ID, 'A' FROM PERSON WHERE EMAIL = 'ann@x';
!count 1

INSERT INTO PERSON_ALIAS (PERSON_ID, ALIAS) SELECT DB_ID, 'Annie' FROM PERSON WHERE EMAIL = 'ann@x';
!count 1

INSERT INTO PERSON_ALIAS (PERSON_ID, ALIAS) VALUES (999, 'ghost');
!error 23503

UPDATE PERSON_ALIAS SET ALIAS = 'Anna' WHERE ALIAS = 'A';
!count 1

SELECT P.NAME, A.ALIAS FROM PERSON_ALIAS A JOIN PERSON P ON P.DB_ID = A.PERSON_ID;
NAME | ALIAS
Ann | Anna
Ann | Annie

DELETE FROM PERSON_ALIAS WHERE ALIAS = 'Annie';
!count 1

SELECT ALIAS FROM PERSON_ALIAS;
ALIAS
Anna

# DELETE retracts the whole entity, references to it included
DELETE FROM PERSON WHERE EMAIL = 'bob@x';
!count 1

SELECT EMAIL, BOSS FROM PERSON WHERE EMAIL LIKE 'copy-%';
EMAIL | BOSS
copy-bob@x | NULL

DELETE FROM PERSON WHERE AGE > 100;
!count 0

DELETE FROM PERSON P WHERE P.EMAIL LIKE 'copy-%' OR P.EMAIL = 'eve@x';
!count 2

SELECT EMAIL FROM PERSON;
EMAIL
ann@x
cy@x
dee@x

# text of different lengths in one VALUES column is VARCHAR, as in PostgreSQL: never padded
SELECT X, CHAR_LENGTH(X) AS N FROM (VALUES ('c'), ('cx')) AS V (X);
X | N
c | 1
cx | 2

# MERGE: the source rows that match a row update it, the others are inserted
MERGE INTO PERSON P USING (SELECT * FROM (VALUES ('ann@x', 40), ('new@x', 5)) AS V (E, A)) S ON P.EMAIL = S.E WHEN MATCHED THEN UPDATE SET AGE = S.A + P.AGE WHEN NOT MATCHED THEN INSERT (EMAIL, AGE) VALUES (S.E, S.A);
!count 2

SELECT EMAIL, AGE FROM PERSON WHERE EMAIL IN ('ann@x', 'new@x');
EMAIL | AGE
ann@x | 72
new@x | 5

MERGE INTO PERSON USING (SELECT 'new@x' AS E FROM (VALUES (1))) S ON PERSON.EMAIL = S.E WHEN NOT MATCHED THEN INSERT (EMAIL) VALUES (S.E);
!count 0

# a row matched by two source rows is an error (21000), as in PostgreSQL, and nothing changes
MERGE INTO PERSON P USING (SELECT * FROM (VALUES ('new@x'), ('new@x')) AS V (E)) S ON P.EMAIL = S.E WHEN MATCHED THEN UPDATE SET AGE = 0;
!error 21000

MERGE INTO PERSON_ALIAS A USING (SELECT 1 AS X FROM (VALUES (1))) S ON A.PERSON_ID = S.X WHEN MATCHED THEN UPDATE SET ALIAS = 'x';
!error 0A000

DELETE FROM PERSON WHERE EMAIL = 'new@x';
!count 1

# a table defined by transacting schema is changed there, not dropped by SQL (ddl.sql has DDL)
DROP TABLE PERSON;
!error 0A000

DELETE FROM PERSON;
!count 3

SELECT COUNT(*) AS N FROM PERSON;
N
0
