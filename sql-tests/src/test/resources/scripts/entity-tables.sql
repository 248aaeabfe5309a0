# Entity tables from attribute namespaces (docs/sql.md): :person/name is column NAME of table
# PERSON; DB_ID is the entity id; an entity is a row of PERSON when it has at least one :person/*
# attribute; a missing attribute reads NULL and never drops the row; a cardinality-many attribute
# is a child table PERSON_ALIAS(PERSON_ID, ALIAS): the value column is named after the attribute; a ref is the BIGINT entity id of its target.
# Values are shown by getString: BOOLEAN as true/false, TIMESTAMP (UTC) as yyyy-MM-dd HH:mm:ss.
@edn
[{:db/ident :company/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}
 {:db/ident :company/city :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
 {:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
 {:db/ident :person/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}
 {:db/ident :person/score :db/valueType :db.type/double :db/cardinality :db.cardinality/one}
 {:db/ident :person/active :db/valueType :db.type/boolean :db/cardinality :db.cardinality/one}
 {:db/ident :person/born :db/valueType :db.type/instant :db/cardinality :db.cardinality/one}
 {:db/ident :person/employer :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}
 {:db/ident :person/alias :db/valueType :db.type/string :db/cardinality :db.cardinality/many}
 {:db/ident :person/home-town :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]
@end

@edn
[{:db/id "acme" :company/name "Acme" :company/city "Basel"}
 {:db/id "globex" :company/name "Globex"}
 {:db/id "ann" :person/name "Ann" :person/age 30 :person/score 1.5 :person/active true
  :person/born #inst "1990-05-01T12:00:00Z" :person/employer "acme" :person/alias ["Annie" "A"]
  :person/home-town "Bern"}
 {:db/id "bob" :person/name "Bob" :person/active false :person/employer "acme" :person/alias ["Bobby"]}
 {:db/id "cy" :person/age 41 :person/score -2.25}]
@end

# every person is a row, whatever it lacks
SELECT NAME, AGE, SCORE, ACTIVE, BORN FROM PERSON ORDER BY NAME NULLS LAST;
NAME | AGE | SCORE | ACTIVE | BORN
Ann | 30 | 1.5 | true | 1990-05-01 12:00:00
Bob | NULL | NULL | false | NULL
NULL | 41 | -2.25 | NULL | NULL

# unquoted identifiers are case-insensitive, and their labels upper case
select name from person where age = 30;
NAME
Ann

# '-' in an attribute name becomes '_'
SELECT HOME_TOWN FROM PERSON WHERE HOME_TOWN IS NOT NULL;
HOME_TOWN
Bern

# companies are not people, and people are not companies
SELECT COUNT(*) AS N FROM PERSON;
N
3

SELECT NAME, CITY FROM COMPANY;
NAME | CITY
Acme | Basel
Globex | NULL

# DB_ID is a key
SELECT COUNT(DISTINCT DB_ID) AS IDS, COUNT(*) AS N, COUNT(DB_ID) AS NOT_NULL FROM PERSON;
IDS | N | NOT_NULL
3 | 3 | 3

# a ref joins to its target's DB_ID
SELECT P.NAME AS PERSON, C.NAME AS COMPANY, C.CITY FROM PERSON P JOIN COMPANY C ON P.EMPLOYER = C.DB_ID
ORDER BY P.NAME;
PERSON | COMPANY | CITY
Ann | Acme | Basel
Bob | Acme | Basel

SELECT P.NAME, C.NAME AS COMPANY FROM PERSON P LEFT JOIN COMPANY C ON P.EMPLOYER = C.DB_ID;
NAME | COMPANY
Ann | Acme
Bob | Acme
NULL | NULL

SELECT COUNT(*) AS N FROM PERSON WHERE EMPLOYER = (SELECT DB_ID FROM COMPANY WHERE NAME = 'Acme');
N
2

SELECT C.NAME FROM COMPANY C WHERE NOT EXISTS (SELECT 1 FROM PERSON P WHERE P.EMPLOYER = C.DB_ID);
NAME
Globex

# the cardinality-many attribute is a child table
SELECT P.NAME, A.ALIAS FROM PERSON P JOIN PERSON_ALIAS A ON A.PERSON_ID = P.DB_ID;
NAME | ALIAS
Ann | A
Ann | Annie
Bob | Bobby

SELECT P.NAME, COUNT(A.PERSON_ID) AS ALIASES FROM PERSON P LEFT JOIN PERSON_ALIAS A ON A.PERSON_ID = P.DB_ID
GROUP BY P.DB_ID, P.NAME;
NAME | ALIASES
Ann | 2
Bob | 1
NULL | 0

# instants compare with TIMESTAMP literals in UTC
SELECT NAME FROM PERSON WHERE BORN < TIMESTAMP '2000-01-01 00:00:00';
NAME
Ann

SELECT NAME FROM PERSON WHERE BORN = TIMESTAMP '1990-05-01 12:00:00';
NAME
Ann

# a later transaction is seen by the next statement; an entity left without :company/*
# attributes is no longer a row of COMPANY
@edn
[{:db/id "i" :company/name "Initech" :company/city "Lyon"}
 [:db/retract [:company/name "Globex"] :company/name "Globex"]]
@end

SELECT NAME, CITY FROM COMPANY;
NAME | CITY
Acme | Basel
Initech | Lyon
