package io.covidkafka.spark;

import io.covidkafka.schema.RecordSchema;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.sources.RelationProvider;
import org.apache.spark.sql.sources.SchemaRelationProvider;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.Map;

/**
 * {@code format("covid-kafka")}: Kafka as a typed, schema-checked table for Spark 3.5, in batch and streaming,
 * read and write. See the module README for the options.
 *
 * <p>Reads decorate Spark's own kafka source (offsets, rate limits, triggers and checkpoints are exactly those of
 * {@code format("kafka")}), parsing each message value with the covid-kafka schema core.
 *
 * <p>It also is a (V1) {@link RelationProvider} and {@link SchemaRelationProvider} only so that
 * {@code CREATE TABLE t [(columns)] USING covid-kafka OPTIONS (...)} in Spark 3.5's session catalog can be read with
 * SQL; the relation reads through the V2 table.
 */
public final class CovidKafkaProvider implements TableProvider, DataSourceRegister, RelationProvider,
        SchemaRelationProvider {

    public static final String SHORT_NAME = "covid-kafka";

    @Override
    public String shortName() {
        return SHORT_NAME;
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return SparkSchemas.readSchema(CovidKafkaOptions.of(options.asCaseSensitiveMap()));
    }

    @Override
    public boolean supportsExternalMetadata() {
        return true; // .schema(StructType) is accepted, as an alternative to the schema option
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        CovidKafkaOptions fromOptions = CovidKafkaOptions.of(properties);
        if (schema.equals(SparkSchemas.readSchema(fromOptions))) {
            // Spark passes back what inferSchema returned (PERMISSIVE made it nullable): keep the declared NOT NULLs
            return new CovidKafkaTable(fromOptions, fromOptions);
        }
        // Either .schema(...) on a read, or (DataFrameWriter passes the DataFrame's schema to providers that accept
        // external metadata) the input of a write: a write checks its input against the schema OPTION instead.
        RecordSchema recordSchema;
        try {
            recordSchema = SparkSchemas.fromUserSchema(schema, fromOptions.corruptRecordColumn(),
                    fromOptions.includeMetadata(), fromOptions.includeHeaders());
        } catch (IllegalArgumentException e) {
            return new CovidKafkaTable(null, fromOptions); // not a readable schema: only writes can use this table
        }
        return new CovidKafkaTable(new CovidKafkaOptions(properties, recordSchema), fromOptions);
    }

    @Override
    public BaseRelation createRelation(SQLContext sqlContext, scala.collection.immutable.Map<String, String> parameters) {
        Map<String, String> options = scala.collection.JavaConverters.mapAsJavaMapConverter(parameters).asJava();
        return new SqlCatalogRelation(sqlContext, CovidKafkaOptions.of(options), null);
    }

    /** {@code CREATE TABLE t (columns) USING covid-kafka ...}: the declared columns are the schema. */
    @Override
    public BaseRelation createRelation(SQLContext sqlContext, scala.collection.immutable.Map<String, String> parameters,
                                       StructType schema) {
        Map<String, String> options = scala.collection.JavaConverters.mapAsJavaMapConverter(parameters).asJava();
        CovidKafkaOptions plain = CovidKafkaOptions.of(options);
        RecordSchema declared = SparkSchemas.fromUserSchema(schema, plain.corruptRecordColumn(),
                plain.includeMetadata(), plain.includeHeaders());
        return new SqlCatalogRelation(sqlContext, new CovidKafkaOptions(options, declared), schema);
    }
}
