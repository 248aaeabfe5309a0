# Errors carry the SQLSTATE class of DESIGN.md §5 (42: syntax or unknown object, 22: data) and
# leave the connection usable; EXPLAIN PLAN FOR names the table and the index each scan uses.
# Lines after an !error line are ignored (update mode puts the message there).
@edn
[{:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
 {:db/ident :person/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]
@end

@edn
[{:db/id "ann" :person/name "Ann" :person/age 30}]
@end

# an unknown table: 42S02, or another code of class 42
SELECT * FROM NO_SUCH_TABLE;
!error 42

SELECT NO_SUCH_COLUMN FROM PERSON;
!error 42

# syntax errors: class 42 (42000)
SELEC 1;
!error 42

SELECT NAME FROM PERSON WHERE;
!error 42

# a bad cast is a data exception
SELECT CAST('x' AS BIGINT) AS N FROM PERSON;
!error 22

# the failures above left the connection usable
SELECT NAME, AGE FROM PERSON;
NAME | AGE
Ann | 30

# (ONE, like VALUE, is a reserved word in Calcite's grammar: quote it to use it as a name)
SELECT 1 AS ANSWER;
ANSWER
1

# a filter on an attribute value is an AVET lookup, one on DB_ID an EAVT lookup
EXPLAIN PLAN FOR SELECT NAME FROM PERSON WHERE NAME = 'Ann';
!plan
PERSON
AVET

EXPLAIN PLAN FOR SELECT NAME FROM PERSON WHERE DB_ID = 42;
!plan
PERSON
EAVT
