package io.cachebreaker.maven;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The README's configuration reference is the one users read, so it must name every parameter a goal has, with its
 * user property. The generated plugin descriptor is the truth: a parameter added to a mojo and not documented fails
 * here.
 */
class ReadmeReferenceTest {

    @Test
    void everyParameterAndUserPropertyIsInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        String reference = readme.substring(readme.indexOf("### Plugin parameters"),
                readme.indexOf("### Runtime settings"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document descriptor = factory.newDocumentBuilder()
                .parse(Path.of("target/classes/META-INF/maven/plugin.xml").toFile());
        List<String> missing = new ArrayList<>();
        int checked = 0;
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int m = 0; m < mojos.getLength(); m++) {
            Element mojo = (Element) mojos.item(m);
            String goal = text(mojo, "goal");
            if (goal.equals("help")) {
                continue;
            }
            assertTrue(reference.contains("cachebreaker:" + goal), "the reference names the goal " + goal);
            NodeList parameters = ((Element) mojo.getElementsByTagName("parameters").item(0))
                    .getElementsByTagName("parameter");
            for (int p = 0; p < parameters.getLength(); p++) {
                Element parameter = (Element) parameters.item(p);
                if (!"true".equals(text(parameter, "editable"))) {
                    continue;
                }
                checked++;
                String name = text(parameter, "name");
                if (!reference.contains("| `" + name + "` |")) {
                    missing.add(goal + ": parameter " + name);
                }
            }
            NodeList configured = ((Element) mojo.getElementsByTagName("configuration").item(0)).getChildNodes();
            for (int c = 0; c < configured.getLength(); c++) {
                if (configured.item(c) instanceof Element element) {
                    String value = element.getTextContent().trim();
                    if (value.startsWith("${cachebreaker.")) {
                        String property = value.substring(2, value.length() - 1);
                        if (!reference.contains("`" + property + "`")) {
                            missing.add(goal + ": user property " + property);
                        }
                    }
                }
            }
        }
        assertTrue(checked >= 15, "parameters checked: " + checked);
        assertTrue(missing.isEmpty(), "missing from the README's plugin reference: " + missing);
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
