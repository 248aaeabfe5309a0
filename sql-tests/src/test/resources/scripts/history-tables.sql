# History tables (docs/sql.md): HISTORY.PERSON holds a row per datom, assertion or retraction, of
# the attributes PERSON shows (its columns' and its child tables'): DB_ID, ATTRIBUTE (ident text),
# V (the value as text: EDN, an enum's ident), TX, ADDED, then one typed column per attribute,
# named as in PERSON, holding the value in that attribute's rows and NULL in the others. It reads
# the history view of the statement's value, so FOR SYSTEM_TIME AS OF bounds it. DATOMS.TRANSACTIONS
# turns TX into its basis t (each @edn block below is one transaction: the schema is t 1).
@edn
[{:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}
 {:db/ident :person/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}
 {:db/ident :person/alias :db/valueType :db.type/string :db/cardinality :db.cardinality/many}
 {:db/ident :person/status :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}
 {:db/ident :person.status/active}
 {:db/ident :person.status/retired}
 {:db/ident :company/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]
@end

@edn
[{:person/name "Ann" :person/age 30 :person/alias ["A"] :person/status :person.status/active}
 {:person/name "Bob"}
 {:company/name "Acme"}]
@end

@edn
[{:db/id [:person/name "Ann"] :person/age 31 :person/alias ["B"]}
 [:db/retract [:person/name "Ann"] :person/alias "A"]
 [:db/retract [:person/name "Bob"] :person/name "Bob"]]
@end

@edn
[{:db/id [:person/name "Ann"] :person/status :person.status/retired}]
@end

# every datom of PERSON's attributes, with its t; Bob, retracted, is here though no longer in PERSON
SELECT H.ATTRIBUTE, H.V, T.T, H.ADDED FROM HISTORY.PERSON H JOIN DATOMS.TRANSACTIONS T ON T.TX = H.TX
ORDER BY T.T, H.ATTRIBUTE, H.ADDED, H.V;
ATTRIBUTE | V | T | ADDED
:person/age | 30 | 2 | true
:person/alias | "A" | 2 | true
:person/name | "Ann" | 2 | true
:person/name | "Bob" | 2 | true
:person/status | :person.status/active | 2 | true
:person/age | 30 | 3 | false
:person/age | 31 | 3 | true
:person/alias | "A" | 3 | false
:person/alias | "B" | 3 | true
:person/name | "Bob" | 3 | false
:person/status | :person.status/active | 4 | false
:person/status | :person.status/retired | 4 | true

SELECT COUNT(*) AS N FROM PERSON;
N
1

# the typed columns: each attribute's value in its own rows, NULL in the others
SELECT AGE, ADDED FROM HISTORY.PERSON WHERE AGE IS NOT NULL ORDER BY TX, ADDED;
AGE | ADDED
30 | true
30 | false
31 | true

SELECT NAME, AGE, ALIAS, STATUS FROM HISTORY.PERSON WHERE ATTRIBUTE = ':person/alias' ORDER BY TX, ADDED;
NAME | AGE | ALIAS | STATUS
NULL | NULL | A | NULL
NULL | NULL | A | NULL
NULL | NULL | B | NULL

# an enum reads as its ident in both its typed column and V
SELECT STATUS, V, ADDED FROM HISTORY.PERSON WHERE STATUS IS NOT NULL ORDER BY TX, ADDED;
STATUS | V | ADDED
:person.status/active | :person.status/active | true
:person.status/active | :person.status/active | false
:person.status/retired | :person.status/retired | true

# filters on a typed column are AVET lookups over the history (assertion and retraction both)
SELECT AGE, ADDED FROM HISTORY.PERSON WHERE AGE = 30 ORDER BY ADDED;
AGE | ADDED
30 | false
30 | true

EXPLAIN PLAN FOR SELECT AGE, ADDED FROM HISTORY.PERSON WHERE AGE = 30;
!plan
HISTORY, PERSON
AVET

SELECT STATUS, ADDED FROM HISTORY.PERSON WHERE STATUS = ':person.status/active' ORDER BY ADDED;
STATUS | ADDED
:person.status/active | false
:person.status/active | true

# and on DB_ID EAVT lookups: one entity's story
SELECT H.ATTRIBUTE, H.V, H.ADDED FROM HISTORY.PERSON H
WHERE H.DB_ID = (SELECT DB_ID FROM HISTORY.PERSON WHERE NAME = 'Bob' AND ADDED) ORDER BY H.TX, H.ADDED;
ATTRIBUTE | V | ADDED
:person/name | "Bob" | true
:person/name | "Bob" | false

EXPLAIN PLAN FOR SELECT V FROM HISTORY.PERSON WHERE DB_ID = 17592186045418;
!plan
HISTORY, PERSON
EAVT

# FOR SYSTEM_TIME AS OF bounds the history: as of t 2, nothing of t 3 or later
SELECT H.ATTRIBUTE, H.V, H.ADDED FROM HISTORY.PERSON FOR SYSTEM_TIME AS OF BASIS_T(2) AS H
ORDER BY H.ATTRIBUTE, H.V;
ATTRIBUTE | V | ADDED
:person/age | 30 | true
:person/alias | "A" | true
:person/name | "Ann" | true
:person/name | "Bob" | true
:person/status | :person.status/active | true

SELECT COUNT(*) AS N FROM HISTORY.PERSON FOR SYSTEM_TIME AS OF BASIS_T(1) AS H;
N
0

# which name had the entity that was retired? a join of history and current tables
SELECT P.NAME FROM PERSON P JOIN HISTORY.PERSON H ON H.DB_ID = P.DB_ID
WHERE H.STATUS = ':person.status/retired' AND H.ADDED;
NAME
Ann

# each entity table has its history table, of the same name
SELECT ATTRIBUTE, V, ADDED FROM HISTORY.COMPANY;
ATTRIBUTE | V | ADDED
:company/name | "Acme" | true
