// Writes, as JSON Lines, what the wsol check needs from a run's tables: each explained image's raw
// map (heatmaps) with its target class and original size (image_stats).
// Usage: node export-localisation-inputs.cjs OUTPUT_ROOT RUN_ID > maps.jsonl
const modules = process.env.CAM_AUDIT_NODE_MODULES
  || `${process.env.HOME}/.cache/cam-audit/node/node_modules`;
const { DuckDBInstance } = require(`${modules}/@duckdb/node-api`);

(async () => {
  const [root, runId] = process.argv.slice(2);
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  const reader = await connection.runAndReadAll(`
    SELECT h.image_id, h.target_class, h.map_height, h.map_width, h.cam,
           s.image_width, s.image_height
    FROM read_parquet('${root}/heatmaps/*.parquet') h
    JOIN read_parquet('${root}/image_stats/*.parquet') s USING (image_id, run_id)
    WHERE h.run_id = '${runId.replace(/'/g, "''")}'
    ORDER BY h.image_id`);
  for (const row of reader.getRowObjectsJson()) {
    process.stdout.write(JSON.stringify(row) + '\n');
  }
})();
