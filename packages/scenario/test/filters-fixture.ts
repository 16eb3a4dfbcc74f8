/** A scenario with every kind of filter (FILTERS.md), valid; tests edit it into broken ones. */
export const FILTERED = `name: filters
firewall: rules
serviceTags:
  Storage: [20.60.0.0/16]
networks:
  - name: prod
    provider: aws
    cidrs: [10.0.0.0/16]
    subnets:
      - { name: web, cidr: 10.0.1.0/24, networkAcl: web-acl }
      - { name: db, cidr: 10.0.2.0/24, defaultHost: { securityGroups: [db-sg] } }
    prefixLists: [ { name: corp, cidrs: [192.168.0.0/16] } ]
    securityGroups:
      - name: web-sg
        inbound: [ { protocol: tcp, port: 443, cidr: 0.0.0.0/0 }, { protocol: tcp, port: 22, prefixList: corp } ]
      - { name: db-sg, inbound: [ { name: pg, protocol: tcp, port: 5432, securityGroup: web-sg } ], outbound: [] }
    networkAcls:
      - name: web-acl
        inbound: [ { ruleNumber: 100, protocol: tcp, port: 1024-65535, cidr: 0.0.0.0/0, action: allow } ]
        outbound: [ { ruleNumber: 100, protocol: all, cidr: 0.0.0.0/0, action: allow } ]
    hosts: [ { name: web1, subnet: web, ip: 10.0.1.10, securityGroups: [web-sg] } ]
  - name: hub
    provider: azure
    cidrs: [10.1.0.0/16]
    subnets:
      - { name: app, cidr: 10.1.1.0/24, networkSecurityGroup: app-nsg }
      - { name: GatewaySubnet, cidr: 10.1.255.0/27 }
    networkSecurityGroups:
      - name: app-nsg
        securityRules:
          - { name: allow-storage, priority: 100, direction: Outbound, access: Allow, protocol: Tcp, destination: Storage, destinationPorts: 443 }
          - { name: deny-internet, priority: 200, direction: Outbound, access: Deny, destination: Internet }
          - { name: web-in, priority: 100, direction: Inbound, access: Allow, protocol: TCP, source: [10.0.0.0/16, 10.2.0.0/16], destinationPorts: ["80", 8000-8080] }
    hosts: [ { name: vm1, subnet: app, ip: 10.1.1.4, networkSecurityGroup: app-nsg } ]
  - name: corp
    provider: gcp
    subnets: [ { name: us, cidr: 10.20.0.0/24, region: us-central1, defaultHost: { tags: [web] } } ]
    firewallRules:
      - { name: allow-ssh, sourceRanges: [0.0.0.0/0], allow: [ { protocol: tcp, ports: ["22"] } ], targetTags: [web] }
      - { name: deny-out, direction: EGRESS, priority: 900, destinationRanges: [10.0.0.0/8], deny: [ { protocol: all } ] }
    hosts: [ { name: vm1, subnet: us, ip: 10.20.0.2, tags: [web], serviceAccount: app } ]
  - name: lab
    provider: openstack
    subnets: [ { name: lab-sub, cidr: 192.168.10.0/24 } ]
    securityGroups:
      - name: web
        stateful: false
        rules:
          - { direction: ingress, protocol: tcp, portRangeMin: 80, portRangeMax: 80, remoteIpPrefix: 0.0.0.0/0 }
          - { direction: ingress, remoteGroup: default }
          - { direction: egress }
    hosts: [ { name: web1, subnet: lab-sub, ip: 192.168.10.5, securityGroups: [web, default] } ]
flows:
  - { name: https, from: prod/web, to: 10.0.2.0/24, protocol: tcp, port: 443, count: 2 }
`;
