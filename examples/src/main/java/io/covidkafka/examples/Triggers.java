package io.covidkafka.examples;

import picocli.CommandLine.ITypeConverter;

/** picocli converter for {@code --trigger}. */
final class Triggers implements ITypeConverter<TriggerSpec> {
    @Override
    public TriggerSpec convert(String value) {
        return TriggerSpec.parse(value);
    }
}
