# A filter directly over a scan is applied by the scan itself: rows found by a lookup read the
# columns the filter needs first and skip the rest of a row it rejects; other scans test each row
# they build. A lookup by equality or IN on a text, integer, boolean or (non-enum) ref column finds
# exactly the rows its conjunct accepts, so EXPLAIN shows that conjunct gone from the filter;
# keyword columns (compared as text) keep theirs. NULLs follow SQL's three-valued logic.
@edn
[{:db/ident :emp/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
 {:db/ident :emp/dept :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
 {:db/ident :emp/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}
 {:db/ident :emp/level :db/valueType :db.type/keyword :db/cardinality :db.cardinality/one}
 {:db/ident :emp/boss :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}
 {:db/ident :emp/tag :db/valueType :db.type/string :db/cardinality :db.cardinality/many}]
@end

@edn
[{:db/id "a" :emp/name "Ann" :emp/dept "ops" :emp/age 30 :emp/level :senior :emp/tag ["red" "blue"]}
 {:db/id "b" :emp/name "Ann" :emp/dept "dev" :emp/age 25 :emp/level :junior :emp/boss "a" :emp/tag ["red"]}
 {:db/id "c" :emp/name "Ann" :emp/dept "dev"}
 {:db/id "d" :emp/name "Bob" :emp/dept "dev" :emp/age 40 :emp/level :senior :emp/boss "a" :emp/tag ["blue"]}
 {:db/id "e" :emp/name "Cid"}]
@end

# a lookup by NAME, then a filter on columns it did not look up
SELECT DEPT, AGE FROM EMP WHERE NAME = 'Ann' AND AGE > 26;
DEPT | AGE
ops | 30

SELECT DEPT FROM EMP WHERE NAME = 'Ann' AND DEPT = 'dev' AND AGE IS NULL;
DEPT
dev

SELECT NAME, AGE FROM EMP WHERE NAME IN ('Ann', 'Bob') AND (AGE < 30 OR AGE IS NULL);
NAME | AGE
Ann | 25
Ann | NULL

# the filter reads a column the query does not return
SELECT DEPT FROM EMP WHERE NAME = 'Ann' AND LEVEL = ':senior';
DEPT
ops

# NOT of unknown is unknown: the row without an age is not returned
SELECT DEPT, AGE FROM EMP WHERE NAME = 'Ann' AND NOT (AGE > 26);
DEPT | AGE
dev | 25

# one column both filtered and returned, twice
SELECT AGE, AGE + 1 AS NEXT_AGE FROM EMP WHERE NAME = 'Ann' AND AGE >= 25;
AGE | NEXT_AGE
30 | 31
25 | 26

# an id range under the lookup, as a filter
SELECT NAME FROM EMP WHERE DB_ID > 0 AND NAME = 'Cid';
NAME
Cid

SELECT NAME FROM EMP WHERE DB_ID < 0 AND NAME = 'Cid';
NAME

# a filter the looked-up column alone decides
SELECT NAME FROM EMP WHERE NAME IN ('Ann', 'Bob', 'Cid') AND NAME <> 'Ann';
NAME
Bob
Cid

# keywords compare as their text: the lookup finds :senior, the filter still tests the text
SELECT NAME, DEPT FROM EMP WHERE LEVEL = ':senior';
NAME | DEPT
Ann | ops
Bob | dev

SELECT NAME FROM EMP WHERE LEVEL = 'senior';
NAME

# refs: an equality with no such entity finds nothing
SELECT NAME FROM EMP WHERE BOSS = 0;
NAME

# a full scan tests each row it builds
SELECT NAME FROM EMP WHERE AGE IS NULL;
NAME
Ann
Cid

# a child table's rows, looked up by value, then filtered
SELECT TAG FROM EMP_TAG WHERE TAG IN ('red', 'blue') AND TAG <> 'blue';
TAG
red
red

# the NAME conjunct is answered by the lookup and leaves the filter; AGE's stays
EXPLAIN PLAN FOR SELECT DEPT FROM EMP WHERE NAME = 'Ann' AND AGE > 26;
!plan
EnumerableCalc(expr#0..1=[{inputs}], expr#2=[26:BIGINT], expr#3=[>($t0, $t2)], DEPT=[$t1], $condition=[$t3])
lookup=[NAME in [Ann]]

# a keyword's conjunct stays: the filter compares text
EXPLAIN PLAN FOR SELECT DEPT FROM EMP WHERE LEVEL = ':senior';
!plan
=($t1, $t2)
lookup=[LEVEL in [:senior]]
