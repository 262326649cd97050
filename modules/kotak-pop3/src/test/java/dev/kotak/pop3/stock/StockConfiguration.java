package dev.kotak.pop3.stock;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Our own minimal {@code conf/} for the stock memory app in tests: only what the POP3 tests need (SMTP in, local
 * delivery, WebAdmin for users and mailboxes, POP3 listeners), everything else off or absent. Files James
 * does not find get its defaults (no IMAP, LMTP or ManageSieve listener is configured then).
 */
final class StockConfiguration {
    static final String KEYSTORE_SECRET = "stock-james-test";

    private final int smtpPort;
    private final int webAdminPort;

    StockConfiguration(int smtpPort, int webAdminPort) {
        this.smtpPort = smtpPort;
        this.webAdminPort = webAdminPort;
    }

    Map<String, String> common() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("webadmin.properties", "enabled=true\nhost=127.0.0.1\nport=" + webAdminPort + "\n");
        files.put("jmx.properties", "jmx.enabled=false\n");
        files.put("jmap.properties", "enabled=false\n");
        files.put("domainlist.xml", "<domainlist>\n"
            + "    <autodetect>false</autodetect>\n"
            + "    <autodetectIP>false</autodetectIP>\n"
            + "    <defaultDomain>localhost</defaultDomain>\n"
            + "</domainlist>\n");
        files.put("dnsservice.xml", "<dnsservice>\n"
            + "    <autodiscover>true</autodiscover>\n"
            + "    <authoritative>false</authoritative>\n"
            + "    <maxcachesize>1000</maxcachesize>\n"
            + "</dnsservice>\n");
        files.put("usersrepository.xml", "<usersrepository name=\"LocalUsers\">\n"
            + "    <enableVirtualHosting>true</enableVirtualHosting>\n"
            + "</usersrepository>\n");
        files.put("mailrepositorystore.xml", "<mailrepositorystore>\n"
            + "    <defaultProtocol>memory</defaultProtocol>\n"
            + "    <mailrepositories>\n"
            + "        <mailrepository class=\"org.apache.james.mailrepository.memory.MemoryMailRepository\">\n"
            + "            <protocols><protocol>memory</protocol></protocols>\n"
            + "        </mailrepository>\n"
            + "    </mailrepositories>\n"
            + "</mailrepositorystore>\n");
        // Local recipients are delivered to INBOX; anything else is dropped (tests send to local users only).
        files.put("mailetcontainer.xml", "<mailetcontainer enableJmx=\"false\">\n"
            + "    <context><postmaster>postmaster@localhost</postmaster></context>\n"
            + "    <spooler>\n"
            + "        <threads>2</threads>\n"
            + "        <errorRepository>memory://var/mail/error/</errorRepository>\n"
            + "    </spooler>\n"
            + "    <processors>\n"
            + "        <processor state=\"root\" enableJmx=\"false\">\n"
            + "            <mailet match=\"All\" class=\"ToProcessor\"><processor>transport</processor></mailet>\n"
            + "        </processor>\n"
            + "        <processor state=\"error\" enableJmx=\"false\">\n"
            + "            <mailet match=\"All\" class=\"ToRepository\">\n"
            + "                <repositoryPath>memory://var/mail/error/</repositoryPath>\n"
            + "            </mailet>\n"
            + "        </processor>\n"
            // The memory app refuses to start without these three (its ProcessorsCheck): Bcc removal, vacation
            // and JMAP filtering before local delivery.
            + "        <processor state=\"transport\" enableJmx=\"false\">\n"
            + "            <mailet match=\"All\" class=\"RemoveMimeHeader\"><name>bcc</name></mailet>\n"
            + "            <mailet match=\"RecipientIsLocal\" class=\"ToProcessor\"><processor>local-delivery</processor></mailet>\n"
            + "            <mailet match=\"All\" class=\"Null\"/>\n"
            + "        </processor>\n"
            + "        <processor state=\"local-delivery\" enableJmx=\"false\">\n"
            + "            <mailet match=\"All\" class=\"VacationMailet\"/>\n"
            + "            <mailet match=\"All\" class=\"org.apache.james.jmap.mailet.filter.JMAPFiltering\"/>\n"
            + "            <mailet match=\"All\" class=\"LocalDelivery\"/>\n"
            + "        </processor>\n"
            + "    </processors>\n"
            + "</mailetcontainer>\n");
        files.put("smtpserver.xml", "<smtpservers>\n"
            + "    <smtpserver enabled=\"true\">\n"
            + "        <jmxName>smtpserver</jmxName>\n"
            + "        <bind>127.0.0.1:" + smtpPort + "</bind>\n"
            + "        <helloName autodetect=\"false\">stock.kotak.test</helloName>\n"
            + "        <authorizedAddresses>127.0.0.0/8</authorizedAddresses>\n"
            + "        <handlerchain>\n"
            + "            <handler class=\"org.apache.james.smtpserver.CoreCmdHandlerLoader\"/>\n"
            + "        </handlerchain>\n"
            + "    </smtpserver>\n"
            + "</smtpservers>\n");
        files.put("logback.xml", "<configuration>\n"
            + "    <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">\n"
            + "        <file>logs/james.log</file>\n"
            + "        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>\n"
            + "    </appender>\n"
            + "    <root level=\"INFO\"><appender-ref ref=\"FILE\"/></root>\n"
            + "</configuration>\n");
        return files;
    }

    /** One plain {@code <imapserver>} that accepts LOGIN without TLS (loopback only; tests look at mailboxes). */
    static String imapListener(String name, int port) {
        return "    <imapserver enabled=\"true\">\n"
            + "        <jmxName>" + name + "</jmxName>\n"
            + "        <bind>127.0.0.1:" + port + "</bind>\n"
            + "        <helloName autodetect=\"false\">" + name + ".kotak.test</helloName>\n"
            + "        <auth><requireSSL>false</requireSSL><plainAuthEnabled>true</plainAuthEnabled></auth>\n"
            + "        <timeout>1800</timeout>\n"
            + "    </imapserver>\n";
    }

    /** One {@code <pop3server>}: James's handlers when {@code coreHandlersPackage} is null. */
    static String pop3Listener(String name, int port, StockJames.Tls tls, String coreHandlersPackage) {
        StringBuilder xml = new StringBuilder()
            .append("    <pop3server enabled=\"true\">\n")
            .append("        <jmxName>").append(name).append("</jmxName>\n")
            .append("        <bind>127.0.0.1:").append(port).append("</bind>\n")
            .append("        <helloName autodetect=\"false\">").append(name).append(".kotak.test</helloName>\n");
        if (tls != StockJames.Tls.NONE) {
            xml.append("        <tls socketTLS=\"").append(tls == StockJames.Tls.IMPLICIT)
                .append("\" startTLS=\"").append(tls == StockJames.Tls.STARTTLS).append("\">\n")
                .append("            <keystore>file://conf/keystore</keystore>\n")
                .append("            <keystoreType>PKCS12</keystoreType>\n")
                .append("            <secret>").append(KEYSTORE_SECRET).append("</secret>\n")
                .append("        </tls>\n");
        }
        xml.append("        <connectiontimeout>600</connectiontimeout>\n");
        if (coreHandlersPackage == null) {
            xml.append("        <handlerchain>\n")
                .append("            <handler class=\"org.apache.james.pop3server.core.CoreCmdHandlerLoader\"/>\n")
                .append("        </handlerchain>\n");
        } else {
            // The operator's one-attribute switch to Kotak's handlers.
            xml.append("        <handlerchain coreHandlersPackage=\"").append(coreHandlersPackage).append("\"/>\n");
        }
        return xml.append("    </pop3server>\n").toString();
    }
}
