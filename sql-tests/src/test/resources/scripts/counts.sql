# COUNT(*) of a whole table comes from the indexes: a child table's rows are its attribute's
# datoms; an entity table's rows the distinct entities of its member attributes (one member: its
# count). Answers equal those of counting the rows.
@edn
[{:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}
 {:db/ident :person/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}
 {:db/ident :person/alias :db/valueType :db.type/string :db/cardinality :db.cardinality/many}
 {:db/ident :tag/label :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]
@end

SELECT COUNT(*) AS N FROM PERSON;
N
0

@edn
[{:db/id "ann" :person/name "Ann" :person/age 30 :person/alias ["A" "Annie"]}
 {:db/id "bob" :person/name "Bob"}
 {:db/id "cy" :person/age 41}
 {:db/id "dee" :person/alias ["D"]}
 {:tag/label "x"} {:tag/label "y"}]
@end

# an entity with only an alias is a row too
SELECT COUNT(*) AS N FROM PERSON;
N
4

EXPLAIN PLAN FOR SELECT COUNT(*) FROM PERSON;
!plan
DatoliteCount
AEVT counts

SELECT COUNT(*) AS N FROM TAG;
N
2

SELECT COUNT(*) AS N FROM PERSON_ALIAS;
N
3

# with a condition, or counting a column, rows are read
SELECT COUNT(*) AS N, COUNT(AGE) AS AGES, COUNT(DISTINCT NAME) AS NAMES FROM PERSON WHERE DB_ID > 0;
N | AGES | NAMES
4 | 2 | 2

SELECT COUNT(*) AS N FROM PERSON WHERE AGE IS NULL;
N
2

# retracting an entity's last member attribute takes it out of the count
@edn
[[:db/retract [:person/name "Bob"] :person/name "Bob"]
 [:db/retract [:person/name "Ann"] :person/alias "A"]]
@end

SELECT COUNT(*) AS N FROM PERSON;
N
3

SELECT COUNT(*) AS N FROM PERSON_ALIAS;
N
2
