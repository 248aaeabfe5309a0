# ORDER BY on an index order: entity-table scans give rows in DB_ID order, so a sort on DB_ID
# goes; ORDER BY one attribute column with a LIMIT reads AVET in that order and assembles only
# the rows the limit keeps, the rows where the column is NULL after them (ascending) or before
# them (descending), as PostgreSQL places NULLs. The answers are the same as a sort's.
@edn
[{:db/ident :item/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
 {:db/ident :item/qty :db/valueType :db.type/long :db/cardinality :db.cardinality/one}
 {:db/ident :item/price :db/valueType :db.type/double :db/cardinality :db.cardinality/one}
 {:db/ident :item/added :db/valueType :db.type/instant :db/cardinality :db.cardinality/one}
 {:db/ident :item/code :db/valueType :db.type/keyword :db/cardinality :db.cardinality/one}]
@end

@edn
[{:item/name "pear" :item/qty 3 :item/price 2.5 :item/added #inst "2024-01-03T00:00:00Z" :item/code :b/x}
 {:item/name "apple" :item/qty -7 :item/price 0.25 :item/added #inst "2024-01-01T00:00:00Z" :item/code :a.b/x}
 {:item/name "fig" :item/price 9.0 :item/code :a/x}
 {:item/name "plum" :item/qty 12 :item/added #inst "2023-12-31T23:59:59Z"}
 {:item/qty 5 :item/price -1.5}
 {:item/name "Zucchini" :item/qty 3 :item/price 2.5}]
@end

# (rows that tie on the key come in any order: these show the key where they tie)
SELECT QTY FROM ITEM ORDER BY QTY LIMIT 3;
QTY
-7
3
3

EXPLAIN PLAN FOR SELECT NAME, QTY FROM ITEM ORDER BY QTY LIMIT 3;
!plan
lookup=[QTY ascending, NULLs last]

# NULLs last when ascending: the limit reaches into them
SELECT NAME, QTY FROM ITEM ORDER BY QTY, NAME LIMIT 10;
NAME | QTY
apple | -7
Zucchini | 3
pear | 3
NULL | 5
plum | 12
fig | NULL

SELECT NAME FROM ITEM ORDER BY QTY NULLS FIRST LIMIT 2;
NAME
fig
apple

# NULLs first when descending, unless asked otherwise
SELECT NAME, QTY FROM ITEM ORDER BY QTY DESC LIMIT 2;
NAME | QTY
fig | NULL
plum | 12

EXPLAIN PLAN FOR SELECT NAME, QTY FROM ITEM ORDER BY QTY DESC LIMIT 2;
!plan
lookup=[QTY descending, NULLs first]

SELECT NAME, QTY FROM ITEM ORDER BY QTY DESC NULLS LAST LIMIT 2;
NAME | QTY
plum | 12
NULL | 5

SELECT NAME, QTY FROM ITEM ORDER BY QTY DESC NULLS LAST LIMIT 2 OFFSET 5;
NAME | QTY
fig | NULL

# text by code point: upper case before lower case
SELECT NAME FROM ITEM ORDER BY NAME LIMIT 3;
NAME
Zucchini
apple
fig

SELECT PRICE FROM ITEM ORDER BY PRICE DESC NULLS LAST FETCH FIRST 3 ROWS ONLY;
PRICE
9.0
2.5
2.5

SELECT NAME FROM ITEM ORDER BY ADDED LIMIT 2;
NAME
plum
apple

# a filter between the sort and the scan keeps the order
SELECT QTY FROM ITEM WHERE NAME <> 'apple' ORDER BY QTY LIMIT 2;
QTY
3
3

# keywords read as text, whose order AVET does not keep: sorted in memory
SELECT CODE FROM ITEM WHERE CODE IS NOT NULL ORDER BY CODE LIMIT 2;
CODE
:a.b/x
:a/x

# a sort on DB_ID goes: the scans already give that order, with or without a lookup
SELECT COUNT(*) AS N FROM (SELECT DB_ID, LEAD(DB_ID) OVER (ORDER BY DB_ID) AS NEXT_ID FROM ITEM) T WHERE NEXT_ID <= DB_ID;
N
0

SELECT NAME FROM ITEM WHERE QTY > 0 ORDER BY DB_ID LIMIT 2;
NAME
pear
plum

SELECT NAME FROM ITEM WHERE QTY IN (3, 12) ORDER BY DB_ID DESC LIMIT 1;
NAME
Zucchini

# ties broken by DB_ID: AVET keeps equal values in id order
SELECT QTY, DB_ID = (SELECT MIN(DB_ID) FROM ITEM WHERE QTY = 3) AS FIRST_OF_TIE FROM ITEM ORDER BY QTY, DB_ID LIMIT 3;
QTY | FIRST_OF_TIE
-7 | false
3 | true
3 | false

EXPLAIN PLAN FOR SELECT NAME FROM ITEM ORDER BY NAME, DB_ID LIMIT 3;
!plan
lookup=[NAME ascending, NULLs last]

# a child table's owner id is no key: a sort on it and then the value is kept
@edn
[{:db/ident :box/label :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
 {:db/ident :box/tag :db/valueType :db.type/string :db/cardinality :db.cardinality/many}]
@end

@edn
[{:box/label "one" :box/tag ["b" "c" "a"]}]
@end

SELECT TAG FROM BOX_TAG ORDER BY BOX_ID, TAG DESC;
TAG
c
b
a
