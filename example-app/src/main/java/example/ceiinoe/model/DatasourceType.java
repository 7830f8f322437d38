package example.ceiinoe.model;

/** What kind of source a datasource is (seed 002 merged devices and generic devices into one table). */
public enum DatasourceType {
    ENERGY_METER,
    DAIRY,
    ENVIRONMENTAL,
    WATER
}
