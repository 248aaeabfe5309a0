# NULL semantics (three-valued logic, NULLs in IN and NOT IN, aggregates skip NULLs, aggregates
# over no rows), GROUP BY, HAVING, DISTINCT, CASE, COALESCE, LIKE, LIMIT and OFFSET, and a child
# table, over items some of which lack some attributes.
@edn
[{:db/ident :item/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}
 {:db/ident :item/qty :db/valueType :db.type/long :db/cardinality :db.cardinality/one}
 {:db/ident :item/price :db/valueType :db.type/double :db/cardinality :db.cardinality/one}
 {:db/ident :item/tag :db/valueType :db.type/string :db/cardinality :db.cardinality/many}]
@end

@edn
[{:db/id "a" :item/name "apple" :item/qty 3 :item/price 0.5 :item/tag ["red" "sweet"]}
 {:db/id "b" :item/name "pear" :item/price 0.75}
 {:db/id "c" :item/name "plum" :item/qty 5 :item/tag ["sweet"]}
 {:db/id "d" :item/qty 2 :item/price 1.25}
 {:db/id "e" :item/name "fig"}]
@end

# COUNT(*) counts rows, COUNT(x) and the others skip NULLs
SELECT COUNT(*) AS N, COUNT(QTY) AS WITH_QTY, SUM(QTY) AS TOTAL, MIN(QTY) AS LOW, MAX(QTY) AS HIGH FROM ITEM;
N | WITH_QTY | TOTAL | LOW | HIGH
5 | 3 | 10 | 2 | 5

# a function call without an alias is labelled after its function, as in PostgreSQL, where no
# other column or alias has the name; two COUNTs are both count in the statement's own list, but
# keep Calcite's EXPR$n in a subquery (a * over them would be ambiguous); a CAST keeps it as well
SELECT COUNT(*), MAX(QTY), COALESCE(MIN(QTY), 0), COUNT(QTY) AS COUNT2 FROM ITEM;
count | max | coalesce | COUNT2
5 | 5 | 2 | 3

SELECT COUNT(*), COUNT(QTY), CAST(MAX(QTY) AS VARCHAR) FROM ITEM;
count | count | EXPR$1
5 | 3 | 5

SELECT * FROM (SELECT COUNT(*), COUNT(QTY) FROM ITEM) AS S;
EXPR$0 | EXPR$1
5 | 3

SELECT SUM(PRICE) AS TOTAL, MIN(NAME) AS FIRST, MAX(NAME) AS LAST FROM ITEM;
TOTAL | FIRST | LAST
2.5 | apple | plum

SELECT AVG(CAST(QTY AS DOUBLE)) AS MEAN FROM ITEM;
MEAN
3.3333333333333335

# over no rows: one row, COUNT 0, the others NULL
SELECT COUNT(*) AS N, SUM(QTY) AS TOTAL, MAX(NAME) AS LAST FROM ITEM WHERE QTY > 100;
N | TOTAL | LAST
0 | NULL | NULL

# a comparison with NULL is unknown: neither the condition nor its negation holds
SELECT NAME FROM ITEM WHERE QTY <> 3;
NAME
plum
NULL

SELECT NAME FROM ITEM WHERE NOT (QTY > 2);
NAME
NULL

SELECT NAME FROM ITEM WHERE QTY IS NULL;
NAME
fig
pear

SELECT NAME FROM ITEM WHERE QTY NOT IN (3, 5);
NAME
NULL

# NOT IN over a list holding a NULL holds for no row
SELECT NAME FROM ITEM WHERE QTY NOT IN (SELECT QTY FROM ITEM WHERE NAME LIKE 'p%');
NAME

SELECT NAME FROM ITEM WHERE QTY IN (SELECT QTY FROM ITEM WHERE NAME LIKE 'p%');
NAME
plum

SELECT NAME, COALESCE(QTY, 0) AS Q FROM ITEM ORDER BY NAME NULLS FIRST;
NAME | Q
NULL | 2
apple | 3
fig | 0
pear | 0
plum | 5

SELECT NAME, CASE WHEN PRICE IS NULL THEN 0 WHEN PRICE < 1 THEN 1 ELSE 2 END AS BAND FROM ITEM
WHERE NAME IS NOT NULL ORDER BY NAME;
NAME | BAND
apple | 1
fig | 0
pear | 1
plum | 0

# NULLs form one group
SELECT QTY, COUNT(*) AS N FROM ITEM GROUP BY QTY ORDER BY QTY NULLS LAST;
QTY | N
2 | 1
3 | 1
5 | 1
NULL | 2

SELECT QTY FROM ITEM GROUP BY QTY HAVING COUNT(*) > 1;
QTY
NULL

SELECT DISTINCT QTY IS NULL AS MISSING FROM ITEM ORDER BY MISSING;
MISSING
false
true

SELECT NAME FROM ITEM WHERE NAME LIKE 'p%' ORDER BY NAME;
NAME
pear
plum

SELECT NAME FROM ITEM WHERE NAME IS NOT NULL ORDER BY NAME LIMIT 2 OFFSET 1;
NAME
fig
pear

SELECT NAME FROM ITEM ORDER BY NAME DESC NULLS LAST FETCH FIRST 1 ROWS ONLY;
NAME
plum

# the child table ITEM_TAG(ITEM_ID, TAG), its value column named after the attribute
SELECT T.TAG AS TAG, COUNT(*) AS N FROM ITEM_TAG T GROUP BY T.TAG ORDER BY TAG;
TAG | N
red | 1
sweet | 2

SELECT I.NAME, T.TAG AS TAG FROM ITEM I LEFT JOIN ITEM_TAG T ON T.ITEM_ID = I.DB_ID
WHERE I.NAME IN ('apple', 'pear');
NAME | TAG
apple | red
apple | sweet
pear | NULL

SELECT I.NAME FROM ITEM I WHERE I.NAME IS NOT NULL
AND NOT EXISTS (SELECT 1 FROM ITEM_TAG T WHERE T.ITEM_ID = I.DB_ID);
NAME
fig
pear

# OR with an IN over a subquery that is empty for every row keeps the rows the other side
# admits (plain Calcite 1.41 plans this as an empty Values and answers nothing)
SELECT NAME FROM ITEM WHERE QTY IS NULL OR QTY IN (SELECT QTY FROM ITEM WHERE 1 = 0);
NAME
fig
pear
