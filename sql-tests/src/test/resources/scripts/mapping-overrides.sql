# Overrides of the mapping, as schema data on attributes (docs/sql.md, "Overriding the mapping"):
# :db.sql/table names the table of the attribute's namespace; :db.sql/membership true makes only
# entities with that attribute rows of it; :db.sql/include adds attributes of other namespaces as
# its columns (a cardinality-many one as its child table); :db.sql/exclude true leaves an
# attribute out of its namespace's table. Given names are taken before derived ones.
@edn
[{:db/ident :person/id :db/valueType :db.type/string :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}
 {:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
 {:db/ident :person/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}
 {:db/ident :person/password :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
 {:db/ident :person/alias :db/valueType :db.type/string :db/cardinality :db.cardinality/many}
 {:db/ident :person/employer :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}
 {:db/ident :audit/creator :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
 {:db/ident :audit/notes :db/valueType :db.type/string :db/cardinality :db.cardinality/many}
 {:db/ident :company/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}
 {:db/ident :firms/code :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]
@end

@edn
[{:db/id :person/id :db.sql/table "PEOPLE" :db.sql/membership true :db.sql/include [:audit/creator :audit/notes]}
 {:db/id :person/password :db.sql/exclude true}
 {:db/id :company/name :db.sql/table "firms"}]
@end

@edn
[{:db/id "acme" :company/name "Acme"}
 {:db/id "ann" :person/id "p1" :person/name "Ann" :person/age 30 :person/password "secret" :person/alias ["Annie"]
  :person/employer "acme" :audit/creator "admin" :audit/notes ["vip" "early"]}
 {:person/name "Bob" :person/age 40 :person/alias ["Bobby"] :audit/notes ["no id"]}
 {:person/id "p3" :person/age 25}
 {:audit/creator "robot" :audit/notes ["bot"]}
 {:firms/code "F1"}]
@end

# PEOPLE: only entities with :person/id (Bob has none); the included CREATOR is a column, the
# excluded PASSWORD is not
SELECT ID, NAME, AGE, CREATOR FROM PEOPLE ORDER BY ID;
ID | NAME | AGE | CREATOR
p1 | Ann | 30 | admin
p3 | NULL | 25 | NULL

SELECT PASSWORD FROM PEOPLE;
!error 42

# the derived name of namespace person is gone
SELECT * FROM PERSON;
!error 42

# a filter on an included column finds members only (robot's CREATOR is no row of PEOPLE)
SELECT ID FROM PEOPLE WHERE CREATOR = 'admin';
ID
p1

SELECT ID FROM PEOPLE WHERE CREATOR = 'robot';
ID

SELECT COUNT(*) AS N FROM PEOPLE WHERE DB_ID IN (SELECT DB_ID FROM AUDIT);
N
1

# child tables follow the owner's membership: Bob's alias is no row of PEOPLE_ALIAS
SELECT P.ID, A.ALIAS FROM PEOPLE P JOIN PEOPLE_ALIAS A ON A.PEOPLE_ID = P.DB_ID ORDER BY A.ALIAS;
ID | ALIAS
p1 | Annie

SELECT ALIAS FROM PEOPLE_ALIAS ORDER BY ALIAS;
ALIAS
Annie

# an included cardinality-many attribute is a child table of PEOPLE, of members' values only
SELECT NOTES FROM PEOPLE_NOTES ORDER BY NOTES;
NOTES
early
vip

# the included attributes keep their own table
SELECT CREATOR FROM AUDIT ORDER BY CREATOR;
CREATOR
admin
robot
NULL

SELECT NOTES FROM AUDIT_NOTES ORDER BY NOTES;
NOTES
bot
early
no id
vip

# a given name is taken before a derived one: company is FIRMS, so namespace firms gets FIRMS_2
SELECT P.NAME, F.NAME AS FIRM FROM PEOPLE P JOIN FIRMS F ON P.EMPLOYER = F.DB_ID;
NAME | FIRM
Ann | Acme

SELECT CODE FROM FIRMS_2;
CODE
F1

# the model follows the schema: the overrides retracted, the default mapping is back
@edn
[[:db/retract :person/id :db.sql/membership true]
 [:db/retract :person/password :db.sql/exclude true]]
@end

SELECT NAME, AGE, PASSWORD FROM PEOPLE ORDER BY AGE;
NAME | AGE | PASSWORD
NULL | 25 | NULL
Ann | 30 | secret
Bob | 40 | NULL

SELECT ALIAS FROM PEOPLE_ALIAS ORDER BY ALIAS;
ALIAS
Annie
Bobby

@edn
[[:db/retract :person/id :db.sql/table "PEOPLE"]
 [:db/retract :company/name :db.sql/table "firms"]]
@end

SELECT NAME, CREATOR FROM PERSON ORDER BY AGE;
NAME | CREATOR
NULL | NULL
Ann | admin
Bob | NULL

SELECT COUNT(*) AS N FROM COMPANY;
N
1

SELECT CODE FROM FIRMS;
CODE
F1
