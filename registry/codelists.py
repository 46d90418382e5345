"""BODS 0.4 codelists as string enums: the vocabulary the whole registry speaks."""

from __future__ import annotations

from enum import StrEnum


class RecordType(StrEnum):
    PERSON = "person"
    ENTITY = "entity"
    RELATIONSHIP = "relationship"


class RecordStatus(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    CLOSED = "closed"


class EntityType(StrEnum):
    REGISTERED_ENTITY = "registeredEntity"
    LEGAL_ENTITY = "legalEntity"
    ARRANGEMENT = "arrangement"
    ANONYMOUS_ENTITY = "anonymousEntity"
    UNKNOWN_ENTITY = "unknownEntity"
    STATE = "state"
    STATE_BODY = "stateBody"


class EntitySubtype(StrEnum):
    GOVERNMENT_DEPARTMENT = "governmentDepartment"
    STATE_AGENCY = "stateAgency"
    OTHER = "other"
    TRUST = "trust"
    NOMINATION = "nomination"


class PersonType(StrEnum):
    KNOWN_PERSON = "knownPerson"
    ANONYMOUS_PERSON = "anonymousPerson"
    UNKNOWN_PERSON = "unknownPerson"


class DirectOrIndirect(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    UNKNOWN = "unknown"


class InterestType(StrEnum):
    SHAREHOLDING = "shareholding"
    VOTING_RIGHTS = "votingRights"
    APPOINTMENT_OF_BOARD = "appointmentOfBoard"
    OTHER_INFLUENCE_OR_CONTROL = "otherInfluenceOrControl"
    SENIOR_MANAGING_OFFICIAL = "seniorManagingOfficial"
    SETTLOR = "settlor"
    TRUSTEE = "trustee"
    PROTECTOR = "protector"
    BENEFICIARY_OF_LEGAL_ARRANGEMENT = "beneficiaryOfLegalArrangement"
    RIGHTS_TO_SURPLUS_ASSETS_ON_DISSOLUTION = "rightsToSurplusAssetsOnDissolution"
    RIGHTS_TO_PROFIT_OR_INCOME = "rightsToProfitOrIncome"
    RIGHTS_GRANTED_BY_CONTRACT = "rightsGrantedByContract"
    CONDITIONAL_RIGHTS_GRANTED_BY_CONTRACT = "conditionalRightsGrantedByContract"
    CONTROL_VIA_COMPANY_RULES_OR_ARTICLES = "controlViaCompanyRulesOrArticles"
    CONTROL_BY_LEGAL_FRAMEWORK = "controlByLegalFramework"
    BOARD_MEMBER = "boardMember"
    BOARD_CHAIR = "boardChair"
    UNKNOWN_INTEREST = "unknownInterest"
    UNPUBLISHED_INTEREST = "unpublishedInterest"
    ENJOYMENT_AND_USE_OF_ASSETS = "enjoymentAndUseOfAssets"
    RIGHT_TO_PROFIT_OR_INCOME_FROM_ASSETS = "rightToProfitOrIncomeFromAssets"
    NOMINEE = "nominee"
    NOMINATOR = "nominator"


class UnspecifiedReason(StrEnum):
    NO_BENEFICIAL_OWNERS = "noBeneficialOwners"
    SUBJECT_UNABLE_TO_CONFIRM_OR_IDENTIFY_BENEFICIAL_OWNER = (
        "subjectUnableToConfirmOrIdentifyBeneficialOwner"
    )
    INTERESTED_PARTY_HAS_NOT_PROVIDED_INFORMATION = "interestedPartyHasNotProvidedInformation"
    SUBJECT_EXEMPT_FROM_DISCLOSURE = "subjectExemptFromDisclosure"
    INTERESTED_PARTY_EXEMPT_FROM_DISCLOSURE = "interestedPartyExemptFromDisclosure"
    UNKNOWN = "unknown"
    INFORMATION_UNKNOWN_TO_PUBLISHER = "informationUnknownToPublisher"


class AddressType(StrEnum):
    PLACE_OF_BIRTH = "placeOfBirth"
    RESIDENCE = "residence"
    REGISTERED = "registered"
    SERVICE = "service"
    ALTERNATIVE = "alternative"
    BUSINESS = "business"


class AnnotationMotivation(StrEnum):
    COMMENTING = "commenting"
    CORRECTING = "correcting"
    IDENTIFYING = "identifying"
    LINKING = "linking"
    TRANSFORMATION = "transformation"


class NameType(StrEnum):
    LEGAL = "legal"
    TRANSLATION = "translation"
    TRANSLITERATION = "transliteration"
    FORMER = "former"
    ALTERNATIVE = "alternative"
    BIRTH = "birth"


class SecuritiesIdentifierScheme(StrEnum):
    ISIN = "isin"
    FIGI = "figi"
    CUSIP = "cusip"
    CINS = "cins"


class SourceType(StrEnum):
    SELF_DECLARATION = "selfDeclaration"
    OFFICIAL_REGISTER = "officialRegister"
    THIRD_PARTY = "thirdParty"
    PRIMARY_RESEARCH = "primaryResearch"
    VERIFIED = "verified"
