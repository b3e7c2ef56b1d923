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

    SqlCatalogRelation(SQLContext sqlContext, CovidKafkaOptions options) {
        this.sqlContext = sqlContext;
        this.options = options;
    }

    @Override
    public SQLContext sqlContext() {
        return sqlContext;
    }

    @Override
    public StructType schema() {
        return SparkSchemas.readSchema(options);
    }

    @Override
    public RDD<Row> buildScan() {
        return sqlContext.sparkSession().read().format(CovidKafkaProvider.class.getName())
                .options(options.asMap()).load().rdd();
    }
}
