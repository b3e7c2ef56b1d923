package io.covidkafka.cli.demo;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * Population of each Canadian province and territory (Statistics Canada, table 17-10-0009-01, estimates for
 * 1 July 2020), the static side of the demo's stream-static join. Names are spelled as the PHAC feed spells them.
 */
final class ProvincePopulation {

    static final StructType SCHEMA = new StructType()
            .add("PopProvince", DataTypes.StringType, false)
            .add("Population", DataTypes.LongType, false);

    private static final List<Row> ROWS = List.of(
            RowFactory.create("Ontario", 14_734_014L),
            RowFactory.create("Quebec", 8_574_571L),
            RowFactory.create("British Columbia", 5_147_712L),
            RowFactory.create("Alberta", 4_421_876L),
            RowFactory.create("Manitoba", 1_379_263L),
            RowFactory.create("Saskatchewan", 1_178_681L),
            RowFactory.create("Nova Scotia", 979_351L),
            RowFactory.create("New Brunswick", 781_476L),
            RowFactory.create("Newfoundland and Labrador", 522_103L),
            RowFactory.create("Prince Edward Island", 159_625L),
            RowFactory.create("Northwest Territories", 45_161L),
            RowFactory.create("Yukon", 42_176L),
            RowFactory.create("Nunavut", 39_353L),
            RowFactory.create("Canada", 38_005_238L));

    private ProvincePopulation() {
    }

    static Dataset<Row> asDataset(SparkSession spark) {
        return spark.createDataFrame(ROWS, SCHEMA);
    }
}
