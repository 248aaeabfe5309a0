# WITH RECURSIVE: the working table of each round is read by the statement's own execution, so a
# recursion sees every row the previous round made; UNION stops at a cycle, UNION ALL needs a
# condition that ends it (or the statement's timeout stops it, see JdbcDriverTest).
@edn
[{:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}
 {:db/ident :person/follows :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}
 {:db/ident :person/manager :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}]
@end

@edn
[{:db/id "a" :person/name "a" :person/follows ["b" "c"]}
 {:db/id "b" :person/name "b" :person/follows ["d"] :person/manager "a"}
 {:db/id "c" :person/name "c" :person/follows ["d" "a"] :person/manager "a"}
 {:db/id "d" :person/name "d" :person/follows ["e"] :person/manager "b"}
 {:db/id "e" :person/name "e" :person/manager "d"}
 {:db/id "f" :person/name "f" :person/follows ["a"]}]
@end

# everyone a reaches along follows, the cycle back to a included once
WITH RECURSIVE R(ID) AS (
  SELECT F.FOLLOWS FROM PERSON_FOLLOWS F JOIN PERSON P ON P.DB_ID = F.PERSON_ID WHERE P.NAME = 'a'
  UNION
  SELECT F.FOLLOWS FROM PERSON_FOLLOWS F JOIN R ON F.PERSON_ID = R.ID)
SELECT P.NAME FROM R JOIN PERSON P ON P.DB_ID = R.ID ORDER BY P.NAME;
NAME
a
b
c
d
e

# the chain of managers above e, with the depth
WITH RECURSIVE UP(ID, DEPTH) AS (
  SELECT MANAGER, 1 FROM PERSON WHERE NAME = 'e'
  UNION ALL
  SELECT P.MANAGER, UP.DEPTH + 1 FROM PERSON P JOIN UP ON P.DB_ID = UP.ID WHERE P.MANAGER IS NOT NULL)
SELECT P.NAME, UP.DEPTH FROM UP JOIN PERSON P ON P.DB_ID = UP.ID ORDER BY UP.DEPTH;
NAME | DEPTH
d | 1
b | 2
a | 3

# a recursion over no table at all
WITH RECURSIVE T(N) AS (VALUES 1 UNION ALL SELECT N + 1 FROM T WHERE N < 5) SELECT SUM(N) AS S, COUNT(*) AS C FROM T;
S | C
15 | 5

# an empty seed makes an empty result
WITH RECURSIVE R(ID) AS (
  SELECT F.FOLLOWS FROM PERSON_FOLLOWS F WHERE F.PERSON_ID = -1
  UNION
  SELECT F.FOLLOWS FROM PERSON_FOLLOWS F JOIN R ON F.PERSON_ID = R.ID)
SELECT ID FROM R;
ID

# a recursive table read in two places of one statement is refused (each place would be a
# recursion of its own, and Calcite's recursions find their working table by name)
WITH RECURSIVE R(ID) AS (
  SELECT F.FOLLOWS FROM PERSON_FOLLOWS F JOIN PERSON P ON P.DB_ID = F.PERSON_ID WHERE P.NAME = 'b'
  UNION
  SELECT F.FOLLOWS FROM PERSON_FOLLOWS F JOIN R ON F.PERSON_ID = R.ID)
SELECT (SELECT COUNT(*) FROM R) AS N1, (SELECT COUNT(*) FROM R R2 WHERE R2.ID <> 0) AS N2;
!error 0A000

# ...so read it once
WITH RECURSIVE R(ID) AS (
  SELECT F.FOLLOWS FROM PERSON_FOLLOWS F JOIN PERSON P ON P.DB_ID = F.PERSON_ID WHERE P.NAME = 'b'
  UNION
  SELECT F.FOLLOWS FROM PERSON_FOLLOWS F JOIN R ON F.PERSON_ID = R.ID)
SELECT COUNT(*) AS N, COUNT(CASE WHEN ID <> 0 THEN 1 END) AS N2 FROM R;
N | N2
2 | 2
