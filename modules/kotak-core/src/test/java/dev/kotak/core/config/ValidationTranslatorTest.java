package dev.kotak.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.xml.sax.SAXParseException;

/**
 * Messages the test schema cannot provoke, fed in the JDK's exact wording, on an element {@code <limit>} at
 * 7:5 inside {@code <policy>}. Together with the corpus this covers every translation.
 */
class ValidationTranslatorTest {

    private ElementRecord limit;
    private final List<RawProblem> raws = new ArrayList<>();

    @BeforeEach
    void element() throws Exception {
        Document document = SecureXml.newDocumentBuilder().newDocument();
        ElementRecord policy = new ElementRecord(document.createElement("policy"), null, 6, 20);
        policy.location = ConfigLocation.at("retention.xml", 6, 3);
        limit = new ElementRecord(document.createElement("limit"), policy, 7, 30);
        limit.location = ConfigLocation.at("retention.xml", 7, 5);
        limit.attributeLocations.put("max", ConfigLocation.at("retention.xml", 7, 12));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cvc-maxInclusive-valid: Value '500' is not facet-valid with respect to maxInclusive '100' for type 'percent'."
                + "| attribute 'max' on element 'limit' has value '500'; expected a value of at most 100",
        "cvc-minExclusive-valid: Value '0' is not facet-valid with respect to minExclusive '0' for type 'percent'."
                + "| attribute 'max' on element 'limit' has value '0'; expected a value greater than 0",
        "cvc-maxExclusive-valid: Value '9' is not facet-valid with respect to maxExclusive '9' for type 'digit'."
                + "| attribute 'max' on element 'limit' has value '9'; expected a value less than 9",
        "cvc-length-valid: Value 'abc' with length = '3' is not facet-valid with respect to length '2' for type 'code'."
                + "| attribute 'max' on element 'limit' has value 'abc'; expected exactly 2 characters",
        "cvc-maxLength-valid: Value 'abcdef' with length = '6' is not facet-valid with respect to maxLength '5' for type 'code'."
                + "| attribute 'max' on element 'limit' has value 'abcdef'; expected at most 5 characters",
        "cvc-totalDigits-valid: Value '12345' has 5 total digits, but the number of total digits has been limited to 3."
                + "| attribute 'max' on element 'limit' has value '12345'; expected at most 3 digits",
        "cvc-fractionDigits-valid: Value '1.234' has 3 fraction digits, but the number of fraction digits has been limited to 2."
                + "| attribute 'max' on element 'limit' has value '1.234'; expected at most 2 digits after the decimal point",
        "cvc-datatype-valid.1.2.1: 'often' is not a valid value for 'boolean'."
                + "| attribute 'max' on element 'limit' has value 'often'; expected true or false",
        "cvc-datatype-valid.1.2.3: 'x' is not a valid value of union type 'sizeOrUnlimited'."
                + "| attribute 'max' on element 'limit' has value 'x'; expected a valid 'sizeOrUnlimited' value",
    })
    void mergesAFacetFailureWithTheAttributeItConcerns(String facet, String expected) {
        String value = facet.replaceAll("^[^']*'([^']*)'.*$", "$1");
        String type = facet.contains("for type '") ? facet.replaceAll("^.*for type '([^']*)'.*$", "$1") : "myType";
        report(facet, limit);
        report("cvc-attribute.3: The value '" + value + "' of attribute 'max' on element 'limit' is not valid with "
                + "respect to its type, '" + type + "'.", limit);

        assertThat(translate()).containsExactly("retention.xml:7:12: " + expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cvc-complex-type.2.4.e: 'limit' can occur a maximum of '2' times in the current sequence. This limit was "
                + "exceeded. At this point one of '{expire}' is expected."
                + "| retention.xml:7:5: element 'limit' appears more than 2 times; expected at most 2",
        "cvc-complex-type.2.4.f: 'limit' can occur a maximum of '1' times in the current sequence. This limit was "
                + "exceeded. No child element is expected at this point."
                + "| retention.xml:7:5: element 'limit' appears more than 1 times; expected at most 1",
        "cvc-complex-type.2.4.g: Invalid content was found starting with element 'limit'. 'rule' is expected to occur "
                + "a minimum of '2' times in the current sequence. One more instance is required to satisfy this constraint."
                + "| retention.xml:7:5: element 'limit' is not allowed here; expected 2 'rule' elements before it",
        "cvc-complex-type.2.4.i: The content of element 'limit' is not complete. 'rule' is expected to occur a minimum "
                + "of '2' times. One more instance is required to satisfy this constraint."
                + "| retention.xml:7:5: element 'limit' is incomplete; expected at least 2 'rule' elements",
        "cvc-complex-type.2.4.c: The matching wildcard is strict, but no declaration can be found for element 'limit'."
                + "| retention.xml:7:5: element 'limit' is not declared by the schema; expected an element the schema declares",
        "cvc-complex-type.2.1: Element 'limit' must have no character or element information item [children], "
                + "because the type's content type is empty."
                + "| retention.xml:7:5: element 'limit' must be empty; expected <limit .../> with attributes only",
        "cvc-complex-type.2.2: Element 'limit' must have no element [children], and the value must be valid."
                + "| retention.xml:7:5: element 'limit' contains elements; expected only text",
        "cvc-type.3.1.2: Element 'limit' is a simple type, so it must have no element information item [children]."
                + "| retention.xml:7:5: element 'limit' contains elements; expected only text",
        "cvc-type.3.1.1: Element 'limit' is a simple type, so it cannot have attributes, excepting those whose "
                + "namespace name is identical to 'http://www.w3.org/2001/XMLSchema-instance' and whose [local name] is "
                + "one of 'type', 'nil', 'schemaLocation' or 'noNamespaceSchemaLocation'. However, the attribute, 'max' was found."
                + "| retention.xml:7:12: attribute 'max' is not allowed on element 'limit'; expected no attributes",
        "cvc-complex-type.3.2.1: Element 'limit' does not have an attribute wildcard for attribute 'max'."
                + "| retention.xml:7:12: attribute 'max' is not allowed on element 'limit'; expected only the attributes the schema declares for 'limit'",
        "cvc-complex-type.4: Attribute 'max' belonging to namespace 'urn:x', must appear on element 'limit'."
                + "| retention.xml:7:5: element 'limit' is missing required attribute 'max'",
        "cvc-attribute.4: The value '5' of attribute 'max' on element 'limit' is not valid with respect to its fixed "
                + "{value constraint}. The attribute must have a value of '10'."
                + "| retention.xml:7:12: attribute 'max' on element 'limit' has value '5'; expected '10'",
        "cvc-elt.1.a: Cannot find the declaration of element 'limit'."
                + "| retention.xml:7:5: element 'limit' is not declared by the schema; expected an element the schema declares",
        "cvc-id.2: There are multiple occurrences of ID value 'p1'."
                + "| retention.xml:7:5: duplicate ID 'p1'; expected each ID once",
        "cvc-complex-type.2.4.a: Invalid content was found starting with element '{\"urn:x\":limit}'. One of "
                + "'{\"urn:x\":rule, WC[##other:\"urn:x\"]}' is expected."
                + "| retention.xml:7:5: element 'limit' is not allowed here; expected one of: rule, any element from another namespace",
        "cvc-complex-type.2.4.d: Invalid content was found starting with element 'limit'. No child element is expected at this point."
                + "| retention.xml:7:5: element 'limit' is not allowed here; expected no further elements in 'policy' at this point",
        "cvc-identity-constraint.3: Field \"@max\" of identity constraint \"limits\" matches more than one value within "
                + "the scope of its selector; fields must match unique values."
                + "| retention.xml:7:5: field \"@max\" of identity constraint \"limits\" matches more than one value within "
                + "the scope of its selector; fields must match unique values",
        "cvc-something-new.9: Some Future Rule on '{\"urn:x\":limit}' was broken."
                + "| retention.xml:7:5: some Future Rule on 'limit' was broken",
    })
    void translatesStructuralMessages(String message, String expected) {
        report(message, limit);
        assertThat(translate()).containsExactly(expected);
    }

    @Test
    void validatesElementTextAgainstItsType() {
        limit.textLocation = ConfigLocation.at("retention.xml", 7, 12);
        report("cvc-pattern-valid: Value '10 GB' is not facet-valid with respect to pattern '[0-9]+[KMG]?' for type 'size'.", limit);
        report("cvc-type.3.1.3: The value '10 GB' of element 'limit' is not valid.", limit);

        assertThat(translate()).containsExactly("retention.xml:7:12: element 'limit' has value '10 GB'; "
                + "expected a value matching the pattern '[0-9]+[KMG]?'");
    }

    @Test
    void reportsAFacetFailureThatComesAlone() {
        report("cvc-enumeration-valid: Value 'x' is not facet-valid with respect to enumeration '[a, b]'. "
                + "It must be a value from the enumeration.", limit);
        report("cvc-complex-type.4: Attribute 'max' must appear on element 'limit'.", limit);

        assertThat(translate()).containsExactly(
                "retention.xml:7:5: value 'x' is not valid; expected one of: a, b",
                "retention.xml:7:5: element 'limit' is missing required attribute 'max'");
    }

    @Test
    void usesTheReportedPositionWhenNoElementIsKnown() {
        report("cvc-id.1: There is no ID/IDREF binding for IDREF 'p9'.", null);
        assertThat(translate()).containsExactly("retention.xml:20:14: there is no ID/IDREF binding for IDREF 'p9'");
    }

    private void report(String message, ElementRecord focus) {
        LocatingDomBuilder.Context context = new LocatingDomBuilder.Context(focus, focus);
        raws.add(new RawProblem(RawProblem.Origin.VALIDATOR, new SAXParseException(message, null, null, 20, 14), context));
    }

    private List<String> translate() {
        List<String> rendered = new ArrayList<>();
        for (ConfigProblem problem : new ValidationTranslator("retention.xml", SchemaHints.NONE).translate(raws)) {
            assertThat(problem.message()).doesNotContain("cvc-");
            rendered.add(problem.render());
        }
        return rendered;
    }
}
