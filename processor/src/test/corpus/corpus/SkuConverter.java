package corpus;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class SkuConverter implements AttributeConverter<Sku, String> {
    @Override
    public String convertToDatabaseColumn(Sku value) {
        return value == null ? null : value.code();
    }

    @Override
    public Sku convertToEntityAttribute(String value) {
        return value == null ? null : new Sku(value);
    }
}
