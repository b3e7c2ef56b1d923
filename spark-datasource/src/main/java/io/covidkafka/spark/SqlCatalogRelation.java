package io.covidkafka.spark;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.TableScan;
import org.apache.spark.sql.types.StructType;

/**
 * What Spark 3.5's session catalog needs for {@code CREATE TABLE t USING covid-kafka OPTIONS (...)} and
 * {@code SELECT} from it: a V1 relation. It scans through the V2 table, so both paths parse identically.
 */
final class SqlCatalogRelation extends BaseRelation implements TableScan {

    private final SQLContext sqlContext;
    private final CovidKafkaOptions options;
    /** The columns declared in CREATE TABLE, or null. */
    private final StructType declared;

    SqlCatalogRelation(SQLContext sqlContext, CovidKafkaOptions options, StructType declared) {
        this.sqlContext = sqlContext;
        this.options = options;
        this.declared = declared;
    }

    @Override
    public SQLContext sqlContext() {
        return sqlContext;
    }

    @Override
    public StructType schema() {
        return SparkSchemas.readSchema(options);
    }

    /** The relation's columns in its order (the V2 read may order the added columns differently). */
    private org.apache.spark.sql.Column[] columns() {
        return java.util.Arrays.stream(schema().fieldNames()).map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new);
    }

    @Override
    public RDD<Row> buildScan() {
        var reader = sqlContext.sparkSession().read().format(CovidKafkaProvider.class.getName())
                .options(options.asMap());
        if (declared != null) {
            reader = reader.schema(declared);
        }
        return reader.load().select(columns()).rdd();
    }
}
