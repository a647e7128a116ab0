// Writes a manifest as Parquet with DuckDB, a writer other than Spark's: the JSON Lines records
// (image_id, path, label, boxes as a list of structs x0, y0, x1, y1, label) in their order.
// Usage: NODE_PATH=<node_modules with @duckdb/node-api> node write-parquet.cjs RECORDS.jsonl OUT
const { DuckDBInstance } = require('@duckdb/node-api');

const COLUMNS = `{image_id: 'VARCHAR', path: 'VARCHAR', label: 'VARCHAR',
  boxes: 'STRUCT(x0 DOUBLE, y0 DOUBLE, x1 DOUBLE, y1 DOUBLE, label VARCHAR)[]'}`;

async function main() {
  const [records, out] = process.argv.slice(2);
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  await connection.run(
    `COPY (SELECT * FROM read_json('${records}', format = 'newline_delimited',
       columns = ${COLUMNS})) TO '${out}' (FORMAT parquet)`);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
