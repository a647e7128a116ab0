// Compares the tables of one audit run as two builds wrote them: every row of each table of
// TABLES must be in the other output, as often (EXCEPT ALL both ways, every column, lists and
// structs included). Prints one line per table; exits 1 when any differs or is empty.
// Usage: NODE_PATH=<node_modules with @duckdb/node-api> node compare-tables.cjs OUT_A OUT_B
const { DuckDBInstance } = require('@duckdb/node-api');

// The tables that depend only on the inputs, not on timing or on which executor ran what.
const TABLES = ['heatmaps', 'image_stats', 'boxes', 'rejected', 'group_metrics',
  'group_disparities', 'localisation', 'localisation_curve', 'slices', 'slice_members'];

async function count(connection, sql) {
  const reader = await connection.runAndReadAll(sql);
  return Number(reader.getRows()[0][0]);
}

async function main() {
  const [a, b] = process.argv.slice(2);
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  let differ = 0;
  for (const table of TABLES) {
    const scan = (root) => `SELECT * FROM read_parquet('${root}/${table}/*.parquet')`;
    const rows = await count(connection, `SELECT count(*) FROM (${scan(a)})`);
    const onlyA = await count(connection, `SELECT count(*) FROM (${scan(a)} EXCEPT ALL ${scan(b)})`);
    const onlyB = await count(connection, `SELECT count(*) FROM (${scan(b)} EXCEPT ALL ${scan(a)})`);
    console.log(`${table}: ${rows} rows, ${onlyA} only in ${a}, ${onlyB} only in ${b}`);
    if (onlyA + onlyB > 0 || (rows === 0 && table !== 'rejected')) {
      differ++;
    }
  }
  if (differ > 0) {
    console.error(`${differ} table(s) differ or are empty`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
