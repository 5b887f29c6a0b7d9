package dev.keyway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BadgeTest {

    @ParameterizedTest
    @CsvSource({
        "#24292F, #FFFFFF", // GitHub: near black
        "#4A154B, #FFFFFF", // Slack aubergine
        "#635BFF, #FFFFFF", // Stripe
        "#FFE01B, #111827", // Mailchimp yellow
        "#FFFFFF, #111827", // Notion white
        "#00A1E0, #111827", // Salesforce blue: dark reads better
    })
    void letterColour_shouldBeWhicheverContrastsMore(String background, String expected) {
        String letter = Badge.letterColour(background);

        assertThat(letter).isEqualTo(expected);
        assertThat(Badge.contrast(letter, background)).isGreaterThanOrEqualTo(4.5);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "#abcdef, #ABCDEF", "NULL, #6B7280", "red, #6B7280", "#fff, #6B7280", "'#123456\" onload=\"x', #6B7280"})
    void colour_shouldAcceptOnlyHexRgb(String input, String expected) {
        assertThat(Badge.colour(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"GitHub, G", "salesforce, S", "'  1Password', 1", "'(acme)', A",
            "Ångström, Å", "NULL, ?", "'', ?", "'---', ?"})
    void letter_shouldBeTheFirstLetterOrDigitUpperCased(String name, String expected) {
        assertThat(Badge.letter(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"#24292F", "#FFE01B"})
    void svg_shouldColourByPresentationAttributesOnly(String colour) {
        String svg = Badge.svg("GitHub", colour, 40, "badge");

        assertThat(svg).contains("fill=\"" + colour + "\"").doesNotContain("style=").contains("aria-hidden=\"true\"");
    }
}
