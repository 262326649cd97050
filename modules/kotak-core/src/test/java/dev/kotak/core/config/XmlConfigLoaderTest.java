package dev.kotak.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class XmlConfigLoaderTest {

    private static final URL SCHEMA = XmlConfigLoaderTest.class.getResource("/retention-test.xsd");
    private final XmlConfigLoader loader = XmlConfigLoader.withSchema(SCHEMA);

    @TempDir
    Path dir;

    @Test
    void loadsAValidFileAndLocatesEveryElementAtItsOpeningBracket() throws Exception {
        Document document = loader.load(resource("/valid/retention.xml"));

        Element root = document.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("retention");
        assertThat(ConfigLocation.of(root)).hasToString("retention.xml:3:1");
        Element gold = (Element) document.getElementsByTagName("policy").item(1);
        assertThat(gold.getAttribute("name")).isEqualTo("gold");
        assertThat(ConfigLocation.of(gold)).hasToString("retention.xml:10:5");
        Element user = (Element) document.getElementsByTagName("user").item(0);
        assertThat(ConfigLocation.of(user)).hasToString("retention.xml:18:5");
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            assertThat(ConfigLocation.of((Element) all.item(i)).hasPosition()).isTrue();
        }
    }

    @Test
    void locatesAttributesAtTheirNameAndFallsBackToTheElement() throws Exception {
        Document document = loader.load(resource("/valid/retention.xml"));
        Element gold = (Element) document.getElementsByTagName("policy").item(1);

        assertThat(ConfigLocation.of(gold, "extends")).hasToString("retention.xml:10:25");
        assertThat(ConfigLocation.of(gold, "keepAtLeast")).hasToString("retention.xml:10:44");
        assertThat(ConfigLocation.of(gold, "absent")).isEqualTo(ConfigLocation.of(gold));
        assertThat(ConfigLocation.of(gold, "keepAtLeast").problem("'10' is too few; expected at least 20").render())
                .isEqualTo("retention.xml:10:44: '10' is too few; expected at least 20");
    }

    @Test
    void keepsWhatTheOperatorWroteAndDropsComments() throws Exception {
        Path file = write("retention.xml", "<retention>\n  <!-- note -->\n  <policies>"
                + "<policy name='a'><onRetrieve action='move' folder='Tom &amp; &#74;erry'/></policy></policies>\n"
                + "</retention>\n");
        Document document = loader.load(file);

        Element policy = (Element) document.getElementsByTagName("policy").item(0);
        Element onRetrieve = (Element) document.getElementsByTagName("onRetrieve").item(0);
        assertThat(onRetrieve.getAttribute("folder")).isEqualTo("Tom & Jerry");
        assertThat(onRetrieve.hasAttribute("keepAtLeast")).isFalse();
        assertThat(ConfigLocation.of(policy)).hasToString("retention.xml:3:13");
        assertThat(ConfigLocation.of(policy, "name")).hasToString("retention.xml:3:21");
        assertThat(children(document.getDocumentElement())).doesNotContain(Node.COMMENT_NODE);
        assertThat(onRetrieve.getAttributes().getLength()).isEqualTo(2);
    }

    @Test
    void countsColumnsAcrossWindowsLineEndsTabsAndAByteOrderMark() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "<retention>\r\n\t<policies>\r\n\t\t<policy name=\"b\"><onRetrieve action=\"move\" "
                + "folder=\"Caf\u00e9\"/></policy><policy\tname=\"c\"/>\r\n"
                + "\t</policies>\r\n</retention>\r\n";
        Path file = dir.resolve("retention.xml");
        Files.write(file, concat(bom, text.getBytes(StandardCharsets.UTF_8)));

        Document document = loader.load(file);
        NodeList policies = document.getElementsByTagName("policy");
        assertThat(ConfigLocation.of(document.getDocumentElement())).hasToString("retention.xml:1:1");
        assertThat(ConfigLocation.of((Element) policies.item(0))).hasToString("retention.xml:3:3");
        assertThat(ConfigLocation.of((Element) policies.item(1))).hasToString("retention.xml:3:70");
        assertThat(ConfigLocation.of((Element) policies.item(1), "name")).hasToString("retention.xml:3:78");
    }

    @Test
    void reportsTheMisspeltElementExactlyAsOperatorsWillSeeIt() throws Exception {
        Path file = dir.resolve("retention.xml");
        Files.copy(resource("/malformed/misspelt-element.xml"), file);

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("retention.xml:12:7: element 'onRetreive' is not allowed here; "
                        + "expected one of: onRetrieve, onDelete, expire");
    }

    @Test
    void collectsEveryProblemInFileOrderAndLeadsWithTheFirst() throws Exception {
        Path file = write("retention.xml", String.join("\n",
                "<retention>",
                "  <policies>",
                "    <policy name=\"gold\" colour=\"red\">",
                "      <expire unread=\"soon\"/>",
                "    </policy>",
                "    <policy name=\"gold\">",
                "      <onDelete action=\"shred\"/>",
                "    </policy>",
                "  </policies>",
                "  <assignments><default policy=\"silver\"/></assignments>",
                "</retention>", ""));

        ConfigException failure = loadExpectingFailure(file);

        assertThat(failure.problems()).extracting(ConfigProblem::render).containsExactly(
                "retention.xml:3:25: attribute 'colour' is not allowed on element 'policy'; expected one of: name, extends, keepAtLeast",
                "retention.xml:4:15: attribute 'unread' on element 'expire' has value 'soon'; expected a duration such as 30d, 12h or 90s",
                "retention.xml:6:13: duplicate value 'gold' for key 'policyName'; expected each name once",
                "retention.xml:7:17: attribute 'action' on element 'onDelete' has value 'shred'; expected one of: expunge, hide, move",
                "retention.xml:10:25: 'silver' refers to no policy; expected one of the declared names: gold");
        assertThat(failure.getMessage()).isEqualTo(failure.problems().get(0).render());
        assertThat(failure.describeAll().lines().collect(Collectors.toList())).hasSize(5);
    }

    @Test
    void pointsAtTextWhereOnlyElementsAreAllowedAndAtTheUnexpectedElement() throws Exception {
        Path file = write("retention.xml", "<retention>\n  <policies>\n\n      oops <b>bold</b>\n  </policies>\n</retention>");

        ConfigException failure = loadExpectingFailure(file);

        // Once a child is out of place Xerces stops checking that content model, so no "incomplete" here.
        assertThat(failure.problems()).extracting(ConfigProblem::render).containsExactly(
                "retention.xml:4:7: text 'oops' is not allowed in element 'policies'; expected only elements",
                "retention.xml:4:12: element 'b' is not allowed here; expected one of: policy");
    }

    @Test
    void explainsAChildElementInTheWrongNamespace() throws Exception {
        Path file = write("retention.xml",
                "<retention>\n  <policies xmlns=\"urn:elsewhere\"><policy name=\"a\"/></policies>\n</retention>");

        assertThat(loadExpectingFailure(file).getMessage()).isEqualTo(
                "retention.xml:2:3: element 'policies' has namespace 'urn:elsewhere'; expected no namespace");
    }

    @Test
    void reportsMissingDirectoryUnreadableAndBlankFilesAsWholeFileProblems() throws Exception {
        Path missing = dir.resolve("conf").resolve("retention.xml");
        assertThat(loadExpectingFailure(missing).getMessage())
                .isEqualTo("retention.xml: file not found; expected a file at " + missing.toAbsolutePath());
        ConfigProblem notFound = loadExpectingFailure(missing).problems().get(0);
        assertThat(notFound.line()).isZero();
        assertThat(notFound.location().hasPosition()).isFalse();

        Path directory = Files.createDirectory(dir.resolve("retention.d"));
        assertThat(loadExpectingFailure(directory).getMessage())
                .isEqualTo("retention.d: is a directory; expected an XML file");

        Path blank = write("blank.xml", " \n\t\r\n");
        assertThat(loadExpectingFailure(blank).getMessage())
                .isEqualTo("blank.xml: file is empty; expected an XML document with root element <retention>");
    }

    @Test
    void reportsAFileItCannotRead() throws Exception {
        Path secret = write("retention.xml", "<retention/>");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(secret)).as("running as root reads everything").isFalse();

        assertThat(loadExpectingFailure(secret).getMessage()).isEqualTo("retention.xml: file cannot be read "
                + "(permission denied); expected read permission for the user running the server");
    }

    @Test
    void reportsWhyAFileCannotBeReadWithoutRepeatingItsPath() throws Exception {
        Path notADirectory = write("conf", "I am a file");
        assertThat(loadExpectingFailure(notADirectory.resolve("retention.xml")).getMessage())
                .isEqualTo("retention.xml: file cannot be read (Not a directory); expected a readable XML file");
    }

    @Test
    void reportsTheNoRootAndDeclarationOnlyCases() throws Exception {
        Path declarationOnly = write("retention.xml", "<?xml version=\"1.0\"?>\n<!-- nothing yet -->\n");
        assertThat(loadExpectingFailure(declarationOnly).getMessage())
                .isEqualTo("retention.xml:3:1: the file has no root element; expected <retention>");
    }

    @Test
    void reportsAnEncodingJavaDoesNotKnow() throws Exception {
        Path file = write("retention.xml", "<?xml version=\"1.0\" encoding=\"klingon-8\"?>\n<retention/>");
        assertThat(loadExpectingFailure(file).getMessage()).isEqualTo("retention.xml:1:21: encoding 'klingon-8' "
                + "is not supported; expected UTF-8, or another standard encoding such as ISO-8859-1");
    }

    @Test
    void reportsAFileDeclaringUtf16ThatIsNot() throws Exception {
        Path file = write("retention.xml", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<retention/>");
        assertThat(loadExpectingFailure(file).getMessage()).isEqualTo("retention.xml:1:21: the file is not saved as "
                + "UTF-16 but declares encoding=\"UTF-16\"; expected encoding=\"UTF-8\" (or whatever encoding the file is saved in)");
    }

    @Test
    void readsAFileInTheEncodingItDeclares() throws Exception {
        Path file = dir.resolve("retention.xml");
        Files.write(file, ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<retention><policies>"
                + "<policy name=\"b\"><onRetrieve action=\"move\" folder=\"Caf\u00e9\"/></policy></policies></retention>")
                .getBytes(StandardCharsets.ISO_8859_1));

        Document document = loader.load(file);
        Element move = (Element) document.getElementsByTagName("onRetrieve").item(0);
        assertThat(move.getAttribute("folder")).isEqualTo("Caf\u00e9");
        assertThat(ConfigLocation.of(move, "folder")).hasToString("retention.xml:2:65");
    }

    @Test
    void neverReadsAnExternalEntity() throws Exception {
        Path secret = write("secret.txt", "TOP-SECRET");
        Path file = write("pop3server.xml", "<!DOCTYPE x [<!ENTITY s SYSTEM \"" + secret.toUri() + "\">]>\n<x>&s;</x>");

        ConfigException failure = loadExpectingFailure(XmlConfigLoader.wellFormedOnly(), file);
        assertThat(failure.getMessage())
                .isEqualTo("pop3server.xml:1:1: DOCTYPE is not allowed; expected a plain XML document");
        assertThat(failure.describeAll()).doesNotContain("TOP-SECRET");
    }

    @Test
    void checksJamesFilesForWellFormednessOnly() throws Exception {
        Path pop3 = write("pop3server.xml", String.join("\n",
                "<?xml version=\"1.0\"?>",
                "<pop3servers>",
                "  <pop3server enabled=\"true\">",
                "    <jmxName>pop3server</jmxName>",
                "    <bind>0.0.0.0:110</bind>",
                "    <handlerchain>",
                "      <handler class=\"org.apache.james.pop3server.core.CoreCmdHandlerLoader\"/>",
                "    </handlerchain>",
                "  </pop3server>",
                "</pop3servers>", ""));
        Document document = XmlConfigLoader.checkWellFormed(pop3);
        assertThat(ConfigLocation.of((Element) document.getElementsByTagName("handler").item(0)))
                .hasToString("pop3server.xml:7:7");

        Path broken = write("smtpserver.xml", "<smtpservers>\n  <smtpserver>\n</smtpservers>\n");
        assertThatThrownBy(() -> XmlConfigLoader.checkWellFormed(broken))
                .isInstanceOf(ConfigException.class)
                .hasMessage("smtpserver.xml:3:1: end tag </smtpservers> does not match start tag <smtpserver> on line 2;"
                        + " expected </smtpserver>");
    }

    @Test
    void translatesInEnglishWhateverTheServersLocale() throws Exception {
        Locale original = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            XmlConfigLoader germanLoader = XmlConfigLoader.withSchema(SCHEMA);
            assertThat(loadExpectingFailure(germanLoader, resource("/malformed/bad-duration.xml")).getMessage())
                    .isEqualTo("bad-duration.xml:13:15: attribute 'unread' on element 'expire' has value '30x'; "
                            + "expected a duration such as 30d, 12h or 90s");
            assertThat(loadExpectingFailure(germanLoader, resource("/malformed/mismatched-end-tag.xml")).getMessage())
                    .startsWith("mismatched-end-tag.xml:14:5: end tag </polcy> does not match");
        } finally {
            Locale.setDefault(original);
        }
    }

    @Test
    void refusesASchemaThatIsNotOne() throws Exception {
        Path notASchema = write("broken.xsd", "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:bogus/></xs:schema>");
        URL url = notASchema.toUri().toURL();
        assertThatThrownBy(() -> XmlConfigLoader.withSchema(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken.xsd cannot be used");
    }

    @Test
    void refusesToLocateAnElementItDidNotLoad() throws Exception {
        Document foreign = SecureXml.newDocumentBuilder().newDocument();
        Element element = foreign.createElement("policy");
        assertThatThrownBy(() -> ConfigLocation.of(element))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("element <policy> carries no location; was it loaded by XmlConfigLoader?");
    }

    private ConfigException loadExpectingFailure(Path file) {
        return loadExpectingFailure(loader, file);
    }

    private static ConfigException loadExpectingFailure(XmlConfigLoader configLoader, Path file) {
        try {
            configLoader.load(file);
        } catch (ConfigException expected) {
            return expected;
        }
        throw new AssertionError(file.getFileName() + " loaded, but a ConfigException was expected");
    }

    private Path write(String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Paths.get(XmlConfigLoaderTest.class.getResource(name).toURI());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static java.util.List<Short> children(Element element) {
        java.util.List<Short> types = new java.util.ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            types.add(child.getNodeType());
        }
        return types;
    }
}
