# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
"""Shared setup of the sbz analysis notebooks.

setup() starts a local SparkSession with Delta Lake (pip packages pyspark and delta-spark) and
registers a %%sql cell magic. A %%sql cell holds one Spark SQL query in which ${results},
${runs}, ${patch_cache}, ${mar_files} and ${mars} name the pipeline's Delta tables; the magic
replaces each with delta.`<table location>` and shows the result as a pandas DataFrame.
`%%sql NAME` also stores the frame in the notebook variable NAME, for the plotting cells.

Where the tables are: SBZ_STORAGE_ROOT (default sbz-data, as in the job's reference.conf) plus
tables/<name>; any single table can be moved with SBZ_TABLE_<NAME> (e.g. SBZ_TABLE_RESULTS).
The JUnit test NotebookSqlTest runs every %%sql cell against tables made by the pipeline.
"""
import os
import string

TABLES = ("results", "runs", "patch_cache", "mar_files", "mars")


def table_locations():
    root = os.environ.get("SBZ_STORAGE_ROOT", "sbz-data")
    if "://" not in root and not root.startswith("file:"):
        root = os.path.abspath(root)
    out = {}
    for name in TABLES:
        loc = os.environ.get("SBZ_TABLE_" + name.upper(), root.rstrip("/") + "/tables/" + name)
        out[name] = "delta.`%s`" % loc.replace("`", "``")
    return out


def setup(app_name="sbz-notebook"):
    from pyspark.sql import SparkSession
    from delta import configure_spark_with_delta_pip
    from IPython import get_ipython

    builder = (
        SparkSession.builder.appName(app_name)
        .master(os.environ.get("SBZ_SPARK_MASTER", "local[2]"))
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.shuffle.partitions", "4")
    )
    spark = configure_spark_with_delta_pip(builder).getOrCreate()
    tables = table_locations()
    ipython = get_ipython()

    def sql(line, cell):
        query = string.Template(cell).substitute(tables)
        frame = spark.sql(query).toPandas()
        name = line.strip()
        if name:
            ipython.user_ns[name] = frame
        return frame

    ipython.register_magic_function(sql, magic_kind="cell", magic_name="sql")
    return spark
