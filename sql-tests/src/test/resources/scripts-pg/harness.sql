# The script harness on PostgreSQL: plain SQL data, the same kinds of expectations as the
# Datolite scripts. Labels are lower case here because PostgreSQL folds unquoted names down.
@sql
CREATE TABLE company (db_id BIGINT PRIMARY KEY, name VARCHAR COLLATE "C", city VARCHAR COLLATE "C");
CREATE TABLE person (db_id BIGINT PRIMARY KEY, name VARCHAR COLLATE "C", age BIGINT, active BOOLEAN,
  born TIMESTAMP, employer BIGINT REFERENCES company (db_id));
CREATE TABLE person_alias (person_id BIGINT REFERENCES person (db_id), "VALUE" VARCHAR COLLATE "C");
INSERT INTO company VALUES (1, 'Acme', 'Basel'), (2, 'Globex', NULL);
INSERT INTO person VALUES (10, 'Ann', 30, TRUE, '1990-05-01 12:00:00', 1), (11, 'Bob', NULL, FALSE, NULL, 1),
  (12, NULL, 41, NULL, NULL, NULL);
INSERT INTO person_alias VALUES (10, 'Annie'), (10, 'A'), (11, 'Bobby');
@end

# a bag: any order matches
SELECT name, age FROM person;
name | age
NULL | 41
Ann | 30
Bob | NULL

# ORDER BY: the order is part of the answer
SELECT name, born FROM person ORDER BY name NULLS FIRST;
name | born
NULL | NULL
Ann | 1990-05-01 12:00:00
Bob | NULL

SELECT p.name AS person, c.name AS company, c.city
FROM person p LEFT JOIN company c ON p.employer = c.db_id
ORDER BY p.db_id;
person | company | city
Ann | Acme | Basel
Bob | Acme | Basel
NULL | NULL | NULL

SELECT p.name, a."VALUE" FROM person p JOIN person_alias a ON a.person_id = p.db_id;
name | VALUE
Ann | A
Ann | Annie
Bob | Bobby

SELECT COUNT(*) AS n, COUNT(age) AS with_age, SUM(age) AS total, MIN(name) AS first FROM person;
n | with_age | total | first
3 | 2 | 71 | Ann

# NULL never equals anything, not even NULL
SELECT COUNT(*) AS n FROM person WHERE age <> 30;
n
1

SELECT name FROM person WHERE active IS NOT TRUE;
name
Bob
NULL

SELECT * FROM no_such_table;
!error 42P01
# PostgreSQL names an unknown table 42P01

SELECT FROM WHERE;
!error 42

EXPLAIN SELECT name FROM person WHERE db_id = 10;
!plan
person

UPDATE person SET age = 31 WHERE db_id = 10;
!count 1
