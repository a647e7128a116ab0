// Reads every table under an audit output root with DuckDB, as a dashboard would
// (read_parquet over the table's files, DuckDB's defaults: hive partitioning auto-detected),
// and prints one JSON line per table: its columns' types and the rows per run_id.
// Usage: NODE_PATH=<node_modules with @duckdb/node-api> node read-tables.cjs OUTPUT TABLE...
const { DuckDBInstance } = require('@duckdb/node-api');

async function main() {
  const [output, ...tables] = process.argv.slice(2);
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  for (const table of tables) {
    const files = `${output}/${table}/*.parquet`;
    const described = await connection.runAndReadAll(
      `DESCRIBE SELECT * FROM read_parquet('${files}')`);
    const types = {};
    for (const row of described.getRowObjectsJson()) {
      types[row.column_name] = row.column_type;
    }
    const counted = await connection.runAndReadAll(
      `SELECT run_id, count(*)::INTEGER AS n FROM read_parquet('${files}') GROUP BY run_id`);
    const rows = {};
    for (const row of counted.getRowObjectsJson()) {
      rows[row.run_id] = row.n;
    }
    console.log(JSON.stringify({ table, types, rows }));
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
