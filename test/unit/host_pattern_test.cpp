// Ansible's host patterns (--limit) and host ranges, against what Ansible
// does with the same inventory.
#include <gtest/gtest.h>

#include "inventory/HostPattern.h"
#include "inventory/HostRange.h"

namespace magicc::inventory {
namespace {

using Names = std::vector<std::string>;

Inventory fleet() {
  Inventory inv;
  auto add = [&](const std::string& name, Names tags) {
    Host h;
    h.name = name;
    h.tags = std::move(tags);
    inv.hosts[name] = h;
  };
  add("web1", {"prod", "web"});
  add("web2", {"prod", "web"});
  add("web3", {"staging", "web"});
  add("db1", {"db", "prod"});
  add("db2", {"db", "staging"});
  add("lonely", {});
  inv.groups["empty"];
  return inv;
}

Names hosts(std::string_view pattern) {
  return matchHostPattern(pattern, fleet()).hosts;
}

TEST(HostPattern, SplitsOnCommasElseColons) {
  EXPECT_EQ(splitHostPattern("web:db"), (Names{"web", "db"}));
  EXPECT_EQ(splitHostPattern("web, db ,,"), (Names{"web", "db"}));
  EXPECT_EQ(splitHostPattern("web:&prod:!web2"), (Names{"web", "&prod", "!web2"}));
  // With a comma, colons are no separators (as Ansible reads it).
  EXPECT_EQ(splitHostPattern("web,db:!x"), (Names{"web", "db:!x"}));
  // A subscript's colon stays in its term.
  EXPECT_EQ(splitHostPattern("web[0:1]:db"), (Names{"web[0:1]", "db"}));
  EXPECT_EQ(splitHostPattern("web db"), (Names{"web", "db"}));
}

TEST(HostPattern, NamesGroupsAndAll) {
  EXPECT_EQ(hosts("web1"), (Names{"web1"}));
  EXPECT_EQ(hosts("db"), (Names{"db1", "db2"}));
  EXPECT_EQ(hosts("all").size(), 6u);
  EXPECT_EQ(hosts("*").size(), 6u);
  EXPECT_EQ(hosts("ungrouped"), (Names{"lonely"}));
  EXPECT_EQ(hosts("web:db").size(), 5u);
  EXPECT_EQ(hosts("web1,db2"), (Names{"db2", "web1"}));
}

TEST(HostPattern, IntersectionsThenExclusionsWhateverTheOrder) {
  EXPECT_EQ(hosts("web:&prod"), (Names{"web1", "web2"}));
  EXPECT_EQ(hosts("!web2:web:&prod"), (Names{"web1"}));
  EXPECT_EQ(hosts("web:db:&prod:!web1"), (Names{"db1", "web2"}));
  // Only & or ! terms: they apply to all.
  EXPECT_EQ(hosts("!web:!db"), (Names{"lonely"}));
  EXPECT_EQ(hosts("&staging"), (Names{"db2", "web3"}));
}

TEST(HostPattern, GlobsMatchHostsAndGroups) {
  EXPECT_EQ(hosts("web*"), (Names{"web1", "web2", "web3"}));
  EXPECT_EQ(hosts("db?"), (Names{"db1", "db2"}));
  EXPECT_EQ(hosts("stag*"), (Names{"db2", "web3"}));  // a group
  EXPECT_EQ(hosts("web[13]"), Names{});               // a subscript: there is no 14th
  EXPECT_EQ(hosts("web[!1]*"), (Names{"web2", "web3"}));
  EXPECT_TRUE(globMatches("a*b*c", "aXbYc"));
  EXPECT_FALSE(globMatches("a*b", "aXbY"));
  EXPECT_TRUE(globMatches("[a-c]x", "bx"));
  EXPECT_TRUE(globMatches("*.example.com", "w.example.com"));
}

TEST(HostPattern, RegexAnchoredAtTheStart) {
  EXPECT_EQ(hosts("~web[12]"), (Names{"web1", "web2"}));
  EXPECT_EQ(hosts("~eb"), Names{});
  PatternMatch bad = matchHostPattern("~web(", fleet());
  EXPECT_FALSE(bad.error.empty());
  EXPECT_TRUE(bad.hosts.empty());
}

TEST(HostPattern, Subscripts) {
  EXPECT_EQ(hosts("web[0]"), (Names{"web1"}));
  EXPECT_EQ(hosts("web[-1]"), (Names{"web3"}));
  EXPECT_EQ(hosts("web[0:1]"), (Names{"web1", "web2"}));
  EXPECT_EQ(hosts("web[1:]"), (Names{"web2", "web3"}));
  EXPECT_FALSE(matchHostPattern("web[7]", fleet()).error.empty());
}

TEST(HostPattern, ReportsTermsThatMatchNothing) {
  PatternMatch m = matchHostPattern("web:nosuch:&empty", fleet());
  EXPECT_EQ(m.unmatched, (Names{"nosuch"}));  // an empty group is no typo
  EXPECT_TRUE(m.hosts.empty());
}

TEST(HostRange, NumbersLettersAndSteps) {
  EXPECT_EQ(expandHostRange("web[01:03]").names, (Names{"web01", "web02", "web03"}));
  EXPECT_EQ(expandHostRange("db-[a:c].example").names,
            (Names{"db-a.example", "db-b.example", "db-c.example"}));
  EXPECT_EQ(expandHostRange("h[1:10:4]").names, (Names{"h1", "h5", "h9"}));
  EXPECT_EQ(expandHostRange("r[1:2]n[a:b]").names, (Names{"r1na", "r1nb", "r2na", "r2nb"}));
  EXPECT_EQ(expandHostRange("plain").names, (Names{"plain"}));
  EXPECT_EQ(expandHostRange("h[:2]").names, (Names{"h0", "h1", "h2"}));
}

TEST(HostRange, Errors) {
  EXPECT_FALSE(expandHostRange("web[01:3]").error.empty());  // unequal widths
  EXPECT_FALSE(expandHostRange("web[1]").error.empty());
  EXPECT_FALSE(expandHostRange("web[1:]").error.empty());
  EXPECT_FALSE(expandHostRange("web[1:x]").error.empty());
  EXPECT_FALSE(expandHostRange("web[1:3:0]").error.empty());
  EXPECT_FALSE(expandHostRange("web[c:a]").error.empty());
  EXPECT_FALSE(expandHostRange("web[1:3").error.empty());
  ExpandedHosts big = expandHostRange("h[1:1000000]", 1000);
  EXPECT_FALSE(big.error.empty());
  EXPECT_TRUE(big.names.empty());
}

}  // namespace
}  // namespace magicc::inventory
